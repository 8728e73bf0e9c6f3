// Members every mesh child's Create*Input has besides its name and spec.
import { clientTokenString, resourceName, stringOfLength } from './primitives';
import { tagListSchema } from '../tags/schema';

const accountId = () => stringOfLength(12, 12);

export const meshChildMembers = {
  clientToken: clientTokenString().optional(),
  meshName: resourceName(),
  meshOwner: accountId().optional(),
  tags: tagListSchema.optional(),
};

