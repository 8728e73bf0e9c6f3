// A minimal go-control-plane ADS server: the reference meshwright's change -> Envoy latency is
// measured against (bench/peers/change-to-envoy.ts). It serves, to one node, the listeners, route
// configurations and clusters given as JSON (what meshwright's Envoy holds, read from its config
// dump), and changes route weights on `PUT /weights` by setting a new snapshot, as a control plane
// built on go-control-plane does. It exits when its stdin closes, so it never outlives the driver.
package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"

	routev3 "github.com/envoyproxy/go-control-plane/envoy/config/route/v3"
	discoverygrpc "github.com/envoyproxy/go-control-plane/envoy/service/discovery/v3"
	"github.com/envoyproxy/go-control-plane/pkg/cache/types"
	cachev3 "github.com/envoyproxy/go-control-plane/pkg/cache/v3"
	serverv3 "github.com/envoyproxy/go-control-plane/pkg/server/v3"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/keepalive"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/anypb"
	"google.golang.org/protobuf/types/known/wrapperspb"

	// The types meshwright's resources name in typed_config: registered so protojson can read them.
	_ "github.com/envoyproxy/go-control-plane/envoy/config/cluster/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/config/listener/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/access_loggers/file/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/access_loggers/grpc/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/clusters/dynamic_forward_proxy/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/dynamic_forward_proxy/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/http/router/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/listener/original_dst/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/listener/tls_inspector/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/http_connection_manager/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/filters/network/tcp_proxy/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/network/dns_resolver/cares/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/transport_sockets/tls/v3"
	_ "github.com/envoyproxy/go-control-plane/envoy/extensions/upstreams/http/v3"
)

type resourceFile struct {
	Listeners []json.RawMessage `json:"listeners"`
	Routes    []json.RawMessage `json:"routes"`
	Clusters  []json.RawMessage `json:"clusters"`
}

type peer struct {
	cache     cachev3.SnapshotCache
	node      string
	listeners []types.Resource
	clusters  []types.Resource
	mu        sync.Mutex
	routes    []*routev3.RouteConfiguration
	version   int
}

func decode(raw []json.RawMessage) ([]types.Resource, error) {
	out := make([]types.Resource, 0, len(raw))
	for i, r := range raw {
		var a anypb.Any
		if err := protojson.Unmarshal(r, &a); err != nil {
			return nil, fmt.Errorf("resource %d: %w", i, err)
		}
		m, err := a.UnmarshalNew()
		if err != nil {
			return nil, fmt.Errorf("resource %d: %w", i, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// publish sets a snapshot in which only the routes' version moves: listeners and clusters keep
// version "1", so go-control-plane pushes the route configurations alone, as meshwright does.
func (p *peer) publish() error {
	p.version++
	routes := make([]types.Resource, len(p.routes))
	for i, r := range p.routes {
		routes[i] = r
	}
	snap := &cachev3.Snapshot{}
	snap.Resources[types.Cluster] = cachev3.NewResources("1", p.clusters)
	snap.Resources[types.Listener] = cachev3.NewResources("1", p.listeners)
	snap.Resources[types.Route] = cachev3.NewResources(strconv.Itoa(p.version), routes)
	return p.cache.SetSnapshot(context.Background(), p.node, snap)
}

// setWeights gives every weighted cluster named in `weights` its new weight, in fresh copies of
// the route configurations (a snapshot is never mutated once set).
func (p *peer) setWeights(weights map[string]uint32) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	next := make([]*routev3.RouteConfiguration, len(p.routes))
	for i, rc := range p.routes {
		c := proto.Clone(rc).(*routev3.RouteConfiguration)
		for _, vh := range c.GetVirtualHosts() {
			for _, r := range vh.GetRoutes() {
				for _, wc := range r.GetRoute().GetWeightedClusters().GetClusters() {
					if w, ok := weights[wc.GetName()]; ok {
						wc.Weight = wrapperspb.UInt32(w)
					}
				}
			}
		}
		next[i] = c
	}
	p.routes = next
	return p.version + 1, p.publish()
}

// answerWeights pushes the weights (a new snapshot) and answers with the routes' new version.
func (p *peer) answerWeights(w http.ResponseWriter, weights map[string]uint32) {
	version, err := p.setWeights(weights)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("content-type", "application/json")
	fmt.Fprintf(w, "{\"version\":%d}", version)
}

// plainWeights is PUT /weights as a minimal control plane has it: decode, set the snapshot, answer.
func plainWeights(p *peer) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var weights map[string]uint32
		if err := json.NewDecoder(r.Body).Decode(&weights); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		p.answerWeights(w, weights)
	}
}

// weightedClusters: the names the route configurations split traffic between.
func (p *peer) weightedClusters() []string {
	var out []string
	for _, rc := range p.routes {
		for _, vh := range rc.GetVirtualHosts() {
			for _, r := range vh.GetRoutes() {
				for _, wc := range r.GetRoute().GetWeightedClusters().GetClusters() {
					out = append(out, wc.GetName())
				}
			}
		}
	}
	return out
}

// mutualTLS: the server certificate, and client certificates required and verified against the CA.
func mutualTLS(certFile, keyFile, caFile string) (credentials.TransportCredentials, error) {
	cert, err := tls.LoadX509KeyPair(certFile, keyFile)
	if err != nil {
		return nil, fmt.Errorf("server certificate: %w", err)
	}
	caPem, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("client CA: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPem) {
		return nil, fmt.Errorf("client CA %s: no certificate in it", caFile)
	}
	return credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{cert}, ClientCAs: pool, ClientAuth: tls.RequireAndVerifyClientCert, MinVersion: tls.VersionTLS12}), nil
}

func main() {
	file := flag.String("resources", "", "JSON file with listeners, routes and clusters (Any JSON, with @type)")
	node := flag.String("node", "", "the Envoy node id to serve")
	xdsAddr := flag.String("xds", "127.0.0.1:0", "ADS listen address")
	controlAddr := flag.String("control", "127.0.0.1:0", "control HTTP listen address")
	tlsCert := flag.String("tls-cert", "", "server certificate (PEM): serve ADS over TLS, as meshwright does")
	tlsKey := flag.String("tls-key", "", "the server certificate's key (PEM)")
	clientCA := flag.String("client-ca", "", "CA (PEM) every client certificate must chain to (mutual TLS, as meshwright's)")
	dbFile := flag.String("db", "", "SQLite file: PUT /weights then needs a SigV4 signature by PEER_ACCESS_KEY_ID/PEER_SECRET_ACCESS_KEY, valid weights and a commit (guarded.go)")
	flag.Parse()

	raw, err := os.ReadFile(*file)
	if err != nil {
		log.Fatal(err)
	}
	var rf resourceFile
	if err := json.Unmarshal(raw, &rf); err != nil {
		log.Fatalf("%s: %v", *file, err)
	}
	p := &peer{cache: cachev3.NewSnapshotCache(false, cachev3.IDHash{}, nil), node: *node}
	if p.listeners, err = decode(rf.Listeners); err != nil {
		log.Fatalf("listeners: %v", err)
	}
	if p.clusters, err = decode(rf.Clusters); err != nil {
		log.Fatalf("clusters: %v", err)
	}
	routes, err := decode(rf.Routes)
	if err != nil {
		log.Fatalf("routes: %v", err)
	}
	for _, r := range routes {
		p.routes = append(p.routes, r.(*routev3.RouteConfiguration))
	}
	if err := p.publish(); err != nil {
		log.Fatal(err)
	}

	// The gRPC settings of go-control-plane's own example server.
	options := []grpc.ServerOption{
		grpc.MaxConcurrentStreams(1000000),
		grpc.KeepaliveParams(keepalive.ServerParameters{Time: 30e9, Timeout: 5e9}),
		grpc.KeepaliveEnforcementPolicy(keepalive.EnforcementPolicy{MinTime: 30e9, PermitWithoutStream: true}),
	}
	if *tlsCert != "" {
		creds, err := mutualTLS(*tlsCert, *tlsKey, *clientCA)
		if err != nil {
			log.Fatal(err)
		}
		options = append(options, grpc.Creds(creds))
	}
	grpcServer := grpc.NewServer(options...)
	discoverygrpc.RegisterAggregatedDiscoveryServiceServer(grpcServer, serverv3.NewServer(context.Background(), p.cache, nil))
	xl, err := net.Listen("tcp", *xdsAddr)
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(grpcServer.Serve(xl)) }()

	mux := http.NewServeMux()
	if *dbFile != "" {
		g, err := openGuard(*dbFile, os.Getenv("PEER_ACCESS_KEY_ID"), os.Getenv("PEER_SECRET_ACCESS_KEY"), p.weightedClusters())
		if err != nil {
			log.Fatalf("%s: %v", *dbFile, err)
		}
		mux.HandleFunc("PUT /weights", guardedWeights(p, g))
	} else {
		mux.HandleFunc("PUT /weights", plainWeights(p))
	}
	cl, err := net.Listen("tcp", *controlAddr)
	if err != nil {
		log.Fatal(err)
	}
	go func() { log.Fatal(http.Serve(cl, mux)) }()

	fmt.Printf("go-control-plane peer ready xds=%d control=%d\n", xl.Addr().(*net.TCPAddr).Port, cl.Addr().(*net.TCPAddr).Port)
	_, _ = io.Copy(io.Discard, os.Stdin)
	os.Exit(0)
}
