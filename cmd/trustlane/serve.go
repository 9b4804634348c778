package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"runtime"
	"time"

	"trustlane/internal/demo"
)

func (c *cli) serve(args []string) error {
	var addr, borderAddr string
	start := time.Now()
	f, err := c.parse("serve", args, func(fs *flag.FlagSet, f *serverFlags) {
		fs.StringVar(&addr, "addr", env("ADDR", "localhost:8080"), "listen address HOST:PORT (TRUSTLANE_ADDR)")
		fs.StringVar(&borderAddr, "border-addr", env("BORDER_ADDR", ""),
			"a second listener answering only the border's standing lookups, for border systems (TRUSTLANE_BORDER_ADDR)")
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
	var borderLn net.Listener
	if borderAddr != "" {
		if borderLn, err = net.Listen("tcp", borderAddr); err != nil {
			return fmt.Errorf("listen for the border: %w", err)
		}
		defer borderLn.Close()
	}
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
	if borderLn == nil {
		return srv.Serve(c.ctx, ln)
	}
	srv.Log().Info("border lookups also answered", "addr", borderLn.Addr().String())
	bctx, stopBorder := context.WithCancel(c.ctx)
	errc := make(chan error, 1)
	go func() { errc <- srv.ServeBorder(bctx, borderLn) }()
	err = srv.Serve(c.ctx, ln)
	stopBorder()
	return errors.Join(err, <-errc)
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
