// The peer with meshwright's guarantees (-db): a weight change is accepted only with a valid AWS
// Signature V4 (the same credentials and scope meshwright checks), only with weights App Mesh allows
// for clusters the route has, and is committed to SQLite (WAL, synchronous=NORMAL: what meshwright's
// embedded store does, so a kill -9 loses no acknowledged change) before the snapshot is set. It is
// what a team would write on go-control-plane to offer what meshwright offers, so the benchmark can
// tell the cost of those guarantees from the cost of the runtime that pays for them.
package main

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

type guard struct {
	accessKeyID string
	secret      string
	db          *sql.DB
	update      *sql.Stmt
	clusters    map[string]bool
	mu          sync.Mutex
	// The signing key of the last day/region/service seen (meshwright caches it the same way).
	keyScope string
	key      []byte
}

func openGuard(dbFile, accessKeyID, secret string, weighted []string) (*guard, error) {
	db, err := sql.Open("sqlite3", "file:"+dbFile+"?_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate&_busy_timeout=5000")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE TABLE IF NOT EXISTS routes (name TEXT PRIMARY KEY, spec TEXT NOT NULL, version INTEGER NOT NULL)`); err != nil {
		return nil, err
	}
	if _, err := db.Exec(`INSERT OR IGNORE INTO routes (name, spec, version) VALUES ('split', '{}', 1)`); err != nil {
		return nil, err
	}
	update, err := db.Prepare(`UPDATE routes SET spec = ?, version = version + 1 WHERE name = 'split'`)
	if err != nil {
		return nil, err
	}
	g := &guard{accessKeyID: accessKeyID, secret: secret, db: db, update: update, clusters: map[string]bool{}}
	for _, c := range weighted {
		g.clusters[c] = true
	}
	return g, nil
}

type refusal struct {
	status  int
	message string
}

// verify checks the request's SigV4 Authorization header over its method, path, query, signed
// headers and body, as AWS (and meshwright) do: AWS4-HMAC-SHA256, a known key, a date within 15 minutes.
func (g *guard) verify(r *http.Request, body []byte) *refusal {
	denied := func(m string) *refusal { return &refusal{http.StatusForbidden, m} }
	auth := r.Header.Get("Authorization")
	const algorithm = "AWS4-HMAC-SHA256"
	if !strings.HasPrefix(auth, algorithm+" ") {
		return denied("missing or unsupported Authorization")
	}
	var credential, signedHeaders, signature string
	for _, part := range strings.Split(strings.TrimPrefix(auth, algorithm+" "), ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(part), "=")
		switch k {
		case "Credential":
			credential = v
		case "SignedHeaders":
			signedHeaders = v
		case "Signature":
			signature = v
		}
	}
	scopeParts := strings.Split(credential, "/")
	if len(scopeParts) != 5 || scopeParts[4] != "aws4_request" {
		return denied("malformed Credential")
	}
	if !hmac.Equal([]byte(scopeParts[0]), []byte(g.accessKeyID)) {
		return denied("unknown access key")
	}
	amzDate := r.Header.Get("X-Amz-Date")
	at, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || !strings.HasPrefix(amzDate, scopeParts[1]) {
		return denied("missing or malformed X-Amz-Date")
	}
	if d := time.Since(at); d > 15*time.Minute || d < -15*time.Minute {
		return denied("signature expired")
	}
	sum := sha256.Sum256(body)
	payloadHash := hex.EncodeToString(sum[:])
	if h := r.Header.Get("X-Amz-Content-Sha256"); h != "" && h != payloadHash {
		return denied("x-amz-content-sha256 does not match the body")
	}
	names := strings.Split(signedHeaders, ";")
	if !sort.StringsAreSorted(names) {
		return denied("SignedHeaders not sorted")
	}
	var canonical bytes.Buffer
	canonical.WriteString(r.Method + "\n" + canonicalPath(r.URL.EscapedPath()) + "\n" + canonicalQuery(r.URL.Query()) + "\n")
	hasHost := false
	for _, name := range names {
		value := r.Header.Get(name)
		if name == "host" {
			value, hasHost = r.Host, true
		}
		canonical.WriteString(name + ":" + strings.Join(strings.Fields(value), " ") + "\n")
	}
	if !hasHost {
		return denied("host is not signed")
	}
	canonical.WriteString("\n" + signedHeaders + "\n" + payloadHash)
	requestHash := sha256.Sum256(canonical.Bytes())
	scope := strings.Join(scopeParts[1:], "/")
	toSign := algorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(requestHash[:])
	expected := hex.EncodeToString(hmacOf(g.signingKey(scopeParts[1], scopeParts[2], scopeParts[3]), toSign))
	if !hmac.Equal([]byte(expected), []byte(signature)) {
		return denied("signature does not match")
	}
	return nil
}

func (g *guard) signingKey(day, region, service string) []byte {
	scope := day + "/" + region + "/" + service
	g.mu.Lock()
	defer g.mu.Unlock()
	if scope != g.keyScope {
		k := hmacOf([]byte("AWS4"+g.secret), day)
		k = hmacOf(k, region)
		k = hmacOf(k, service)
		g.key, g.keyScope = hmacOf(k, "aws4_request"), scope
	}
	return g.key
}

func hmacOf(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

// canonicalPath: each segment URI-encoded again, as SigV4 does for every service but S3.
func canonicalPath(escaped string) string {
	if escaped == "" {
		return "/"
	}
	segments := strings.Split(escaped, "/")
	for i, s := range segments {
		segments[i] = uriEncode(s)
	}
	return strings.Join(segments, "/")
}

func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		values := append([]string(nil), q[k]...)
		sort.Strings(values)
		for _, v := range values {
			parts = append(parts, uriEncode(k)+"="+uriEncode(v))
		}
	}
	return strings.Join(parts, "&")
}

func uriEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if ('A' <= c && c <= 'Z') || ('a' <= c && c <= 'z') || ('0' <= c && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// validate: weights App Mesh accepts (whole numbers 0-100, not all 0) for the route's weighted clusters.
func (g *guard) validate(body []byte) (map[string]uint32, *refusal) {
	bad := func(m string) *refusal { return &refusal{http.StatusBadRequest, m} }
	var raw map[string]json.Number
	d := json.NewDecoder(bytes.NewReader(body))
	d.UseNumber()
	if err := d.Decode(&raw); err != nil {
		return nil, bad("body: " + err.Error())
	}
	if len(raw) == 0 {
		return nil, bad("weights: at least one weighted cluster")
	}
	out := make(map[string]uint32, len(raw))
	total := 0
	for name, n := range raw {
		if !g.clusters[name] {
			return nil, bad(fmt.Sprintf("weights.%s: not a weighted cluster of the route", name))
		}
		w, err := n.Int64()
		if err != nil || w < 0 || w > 100 {
			return nil, bad(fmt.Sprintf("weights.%s: must be a whole number from 0 to 100", name))
		}
		out[name] = uint32(w)
		total += int(w)
	}
	if total == 0 {
		return nil, bad("weights: at least one must be above 0")
	}
	return out, nil
}

// persist commits the weights before anything is pushed: a change Envoy gets is a change that is kept.
func (g *guard) persist(weights map[string]uint32) error {
	spec, err := json.Marshal(weights)
	if err != nil {
		return err
	}
	tx, err := g.db.Begin()
	if err != nil {
		return err
	}
	if _, err := tx.Stmt(g.update).Exec(string(spec)); err != nil {
		_ = tx.Rollback()
		return err
	}
	return tx.Commit()
}

// guardedWeights is PUT /weights with the guarantees, in meshwright's order: authenticate, validate,
// commit, then push (setWeights), then answer.
func guardedWeights(p *peer, g *guard) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		if denied := g.verify(r, body); denied != nil {
			http.Error(w, denied.message, denied.status)
			return
		}
		weights, bad := g.validate(body)
		if bad != nil {
			http.Error(w, bad.message, bad.status)
			return
		}
		if err := g.persist(weights); err != nil {
			http.Error(w, "store: "+err.Error(), http.StatusInternalServerError)
			return
		}
		p.answerWeights(w, weights)
	}
}
