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
	var seed bool
	start := time.Now()
	srv, f, err := c.open("serve", args, func(fs *flag.FlagSet) {
		fs.StringVar(&addr, "addr", env("ADDR", "localhost:8080"), "listen address HOST:PORT (TRUSTLANE_ADDR)")
		fs.BoolVar(&seed, "demo", envBool("DEMO"), "seed the demonstration data and print how to sign in (TRUSTLANE_DEMO)")
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	base := f.baseURL
	if base == "" {
		base = "http://" + displayAddr(ln.Addr().String())
	}
	if seed {
		accounts, err := demo.Seed(c.ctx, srv.Office, srv.DB)
		if err != nil {
			return err
		}
		demo.Print(c.stdout, base, accounts)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	srv.Log().Info("trustlane is serving", "url", base, "database", srv.DB.Engine(),
		"startup", time.Since(start).Round(time.Millisecond), "heap_mib", ms.HeapAlloc>>20)
	return srv.Serve(c.ctx, ln)
}

// displayAddr turns a wildcard listen address into one a browser can open.
func displayAddr(a string) string {
	host, port, err := net.SplitHostPort(a)
	if err != nil {
		return a
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}
