package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"

	"trustlane/internal/server"
)

// defaultDB is the embedded store used when nothing else is configured.
const defaultDB = "sqlite:./data/trustlane.db"

// env returns TRUSTLANE_<name> or def.
func env(name, def string) string {
	if v, ok := os.LookupEnv("TRUSTLANE_" + name); ok && v != "" {
		return v
	}
	return def
}

func envBool(name string) bool {
	b, _ := strconv.ParseBool(env(name, "false"))
	return b
}

// serverFlags are the flags shared by every command that opens the store.
type serverFlags struct {
	db, dataDir, keyFile, baseURL, smtp, timeZone, logLevel, logFormat, policy string
	trustProxy                                                                 bool
	demo                                                                       bool // set by serve --demo
}

func (c *cli) newFlags(name string) (*flag.FlagSet, *serverFlags) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	f := &serverFlags{}
	fs.StringVar(&f.db, "db", env("DB", defaultDB), "database: sqlite:PATH or postgres://… (TRUSTLANE_DB)")
	fs.StringVar(&f.dataDir, "data-dir", env("DATA_DIR", ""), "directory for generated keys; default: beside the SQLite file, else ./data (TRUSTLANE_DATA_DIR)")
	fs.StringVar(&f.keyFile, "key-file", env("KEY_FILE", ""), "sealing key shared by several instances (TRUSTLANE_KEY_FILE)")
	fs.StringVar(&f.baseURL, "base-url", env("BASE_URL", ""), "public URL for links in mail, e.g. https://pip.example (TRUSTLANE_BASE_URL)")
	fs.StringVar(&f.smtp, "smtp", env("SMTP", ""), "mail relay: smtp://user:pass@host:587?from=addr (TRUSTLANE_SMTP); empty leaves mail in the outbox")
	fs.StringVar(&f.timeZone, "timezone", env("TIMEZONE", "America/Toronto"), "the program's time zone: dates on pages, in letters and in mail (TRUSTLANE_TIMEZONE)")
	fs.StringVar(&f.policy, "policy", env("POLICY", ""), "program policy file (windows, reason codes, duties); default: the embedded one (TRUSTLANE_POLICY)")
	fs.BoolVar(&f.trustProxy, "trust-proxy", envBool("TRUST_PROXY"), "take client addresses from X-Forwarded-For (TRUSTLANE_TRUST_PROXY)")
	fs.StringVar(&f.logLevel, "log-level", env("LOG_LEVEL", "info"), "debug, info, warn or error (TRUSTLANE_LOG_LEVEL)")
	fs.StringVar(&f.logFormat, "log-format", env("LOG_FORMAT", "text"), "text or json (TRUSTLANE_LOG_FORMAT)")
	return fs, f
}

func (c *cli) logger(f *serverFlags) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(f.logLevel)); err != nil {
		return nil, fmt.Errorf("--log-level: %w", err)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch strings.ToLower(f.logFormat) {
	case "text":
		return slog.New(slog.NewTextHandler(c.stderr, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(c.stderr, opts)), nil
	}
	return nil, fmt.Errorf("--log-format: want text or json, got %q", f.logFormat)
}

func (f *serverFlags) options(log *slog.Logger) server.Options {
	return server.Options{DB: f.db, DataDir: f.dataDir, KeyFile: f.keyFile, BaseURL: f.baseURL, SMTP: f.smtp,
		TimeZone: f.timeZone, TrustProxy: f.trustProxy, PolicyFile: f.policy, Demo: f.demo, Log: log}
}

// open parses flags and opens an instance.
func (c *cli) open(name string, args []string, extra func(*flag.FlagSet, *serverFlags)) (*server.Server, *serverFlags, error) {
	f, err := c.parse(name, args, extra)
	if err != nil {
		return nil, nil, err
	}
	srv, err := c.start(f)
	return srv, f, err
}

// parse reads a command's flags; extra adds the command's own, which may
// set fields of the shared ones.
func (c *cli) parse(name string, args []string, extra func(*flag.FlagSet, *serverFlags)) (*serverFlags, error) {
	fs, f := c.newFlags(name)
	if extra != nil {
		extra(fs, f)
	}
	if err := fs.Parse(args); err != nil {
		return nil, exitCode(2)
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%s: unexpected argument %q", name, fs.Arg(0))
	}
	return f, nil
}

// start opens the instance the flags describe.
func (c *cli) start(f *serverFlags) (*server.Server, error) {
	log, err := c.logger(f)
	if err != nil {
		return nil, err
	}
	return server.Open(c.ctx, f.options(log))
}
