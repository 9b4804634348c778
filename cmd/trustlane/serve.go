package main

import (
	"flag"
	"fmt"
	"net"
	"runtime"
	"time"

	"trustlane/internal/demo"
)

func (c *cli) serve(args []string) error {
	var addr string
	start := time.Now()
	f, err := c.parse("serve", args, func(fs *flag.FlagSet, f *serverFlags) {
		fs.StringVar(&addr, "addr", env("ADDR", "localhost:8080"), "listen address HOST:PORT (TRUSTLANE_ADDR)")
		fs.BoolVar(&f.demo, "demo", envBool("DEMO"), "seed the demonstration data and print how to sign in (TRUSTLANE_DEMO)")
	})
	if err != nil {
		return err
	}
	// Listen before opening the instance, so that without --base-url the
	// links it writes in mail point where it actually listens.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer ln.Close()
	if f.baseURL == "" {
		f.baseURL = "http://" + displayAddr(addr, ln.Addr().String())
	}
	srv, err := c.start(f)
	if err != nil {
		return err
	}
	defer srv.Close()
	if f.demo {
		accounts, err := demo.Seed(c.ctx, srv.Office, srv.DB)
		if err != nil {
			return err
		}
		demo.Print(c.stdout, f.baseURL, accounts)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	srv.Log().Info("trustlane is serving", "url", f.baseURL, "database", srv.DB.Engine(),
		"startup", time.Since(start).Round(time.Millisecond), "heap_mib", ms.HeapAlloc>>20)
	return srv.Serve(c.ctx, ln)
}

// displayAddr names a listener as a browser would open it: the host as
// configured (localhost for a wildcard), the port as bound (for port 0).
func displayAddr(configured, bound string) string {
	host, _, err := net.SplitHostPort(configured)
	_, port, err2 := net.SplitHostPort(bound)
	if err != nil || err2 != nil {
		return bound
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
