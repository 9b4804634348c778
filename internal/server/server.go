// Package server assembles one trustlane instance: it opens and migrates
// the store, loads the server's keys, builds the office, the portal, the API
// and the outbox worker, and serves them with the headers, limits and
// metrics every response shares. Several instances may run on one
// PostgreSQL database; they share everything through it.
package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/valyala/fasthttp"

	"trustlane/internal/api"
	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/i18n"
	"trustlane/internal/notify"
	"trustlane/internal/office"
	"trustlane/internal/policy"
	"trustlane/internal/program"
	"trustlane/internal/secret"
	"trustlane/internal/standing"
	"trustlane/internal/store"
	"trustlane/internal/web"
	"trustlane/internal/worker"
)

// Options configure an instance. cmd/trustlane fills them from flags and
// TRUSTLANE_* variables.
type Options struct {
	DB      string // sqlite:PATH or postgres://…
	DataDir string // where generated keys live; defaults beside the SQLite file, else ./data
	// KeyFile overrides the path of the key that seals TOTP secrets; several
	// instances on one database must share it.
	KeyFile string
	BaseURL string // public URL, for links in mail
	SMTP    string // smtp://… URL; empty leaves mail in the outbox for the administrators' page
	// TrustProxy takes client addresses from X-Forwarded-For.
	TrustProxy bool
	TimeZone   string // the program's calendar: dates on pages, letters and mail; default America/Toronto
	// PolicyFile replaces the embedded default policy (windows, reason
	// codes, duties).
	PolicyFile string
	Demo       bool
	Log        *slog.Logger
	// Argon overrides password hashing cost (tests).
	Argon auth.Argon2Params
	// Now overrides the clock (tests).
	Now func() time.Time
	// MailPoll overrides how often the worker polls (tests).
	MailPoll time.Duration
}

// Server is one running instance.
type Server struct {
	DB     *store.DB
	Office *office.Office
	I18n   *i18n.Bundle
	Worker *worker.Worker
	// Border keeps the border's status index current.
	Border *standing.Keeper
	// borderServer answers standing lookups on their own listener.
	borderServer *fasthttp.Server
	handler      http.Handler
	log          *slog.Logger
	opts         Options
}

// Open builds an instance: store (migrated), keys, office, portal, API.
func Open(ctx context.Context, opts Options) (*Server, error) {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.BaseURL == "" {
		opts.BaseURL = "http://localhost:8080"
	}
	opts.BaseURL = strings.TrimRight(opts.BaseURL, "/")
	db, err := store.Open(ctx, store.Config{URL: opts.DB, Now: opts.Now, Logger: opts.Log})
	if err != nil {
		return nil, err
	}
	s := &Server{DB: db, log: opts.Log, opts: opts}
	if err := s.build(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) build(ctx context.Context) error {
	opts := s.opts
	if err := s.DB.Migrate(ctx); err != nil {
		return err
	}
	keyFile := opts.KeyFile
	if keyFile == "" {
		keyFile = filepath.Join(dataDir(opts), "keys", "seal.key")
	}
	key, err := secret.LoadOrCreate(keyFile)
	if err != nil {
		return err
	}
	box, err := secret.NewBox(secret.Derive(key, "totp"))
	if err != nil {
		return err
	}
	evBox, err := secret.NewBox(secret.Derive(key, "evidence"))
	if err != nil {
		return err
	}
	pol, fast, err := policy.LoadAll(opts.PolicyFile)
	if err != nil {
		return err
	}
	cat, err := catalog.Load()
	if err != nil {
		return err
	}
	if problems := cat.Lint(program.SectorNames()); len(problems) > 0 {
		return fmt.Errorf("the criteria catalog has %d problems (run trustlane catalog lint): %s", len(problems), problems[0])
	}
	if s.I18n, err = i18n.Load(); err != nil {
		return err
	}
	loc, err := time.LoadLocation(cmp.Or(opts.TimeZone, "America/Toronto"))
	if err != nil {
		return fmt.Errorf("time zone: %w", err)
	}
	if s.Office, err = office.New(office.Config{DB: s.DB, Box: box, EvidenceBox: evBox, Catalog: cat, Policy: &pol, Argon: opts.Argon,
		BaseURL: opts.BaseURL, Location: loc, Log: opts.Log}); err != nil {
		return err
	}
	mailer, err := newMailer(opts)
	if err != nil {
		return err
	}
	host := "trustlane"
	if h, err := os.Hostname(); err == nil {
		host = h
	}
	s.Worker = worker.New(worker.Config{DB: s.DB, Mailer: mailer, I18n: s.I18n, Log: opts.Log, Poll: opts.MailPoll, Host: host})
	s.Worker.Handle(office.KindDeadline, s.Office.HandleDeadline)
	s.Worker.Periodic(func(ctx context.Context) error {
		_, _, err := s.Office.SweepInactiveAccounts(ctx)
		return err
	})
	s.DB.OnChange(func(store.Change) { s.Worker.Wake() })
	s.Border = standing.New(standing.Config{DB: s.DB, Rules: fast, Log: opts.Log})
	portal, err := web.New(web.Config{Office: s.Office, I18n: s.I18n, Log: opts.Log, Location: loc, Demo: opts.Demo,
		SecureCookies: strings.HasPrefix(opts.BaseURL, "https://"), TrustProxy: opts.TrustProxy, Border: s.Border.Index()})
	if err != nil {
		return err
	}
	apiHandler, err := api.New(api.Config{Office: s.Office, I18n: s.I18n, Log: opts.Log, BaseURL: opts.BaseURL, Border: s.Border.Index()})
	if err != nil {
		return err
	}
	s.handler = s.routes(portal, apiHandler)
	s.borderServer, err = api.NewBorderServer(api.Config{Office: s.Office, I18n: s.I18n, Log: opts.Log, Border: s.Border.Index()})
	return err
}

func newMailer(opts Options) (notify.Mailer, error) {
	if opts.SMTP == "" {
		opts.Log.Warn("no SMTP relay configured (--smtp): mail stays in the outbox; administrators read it at /office/outbox")
		return nil, nil
	}
	cfg, err := notify.ParseURL(opts.SMTP)
	if err != nil {
		return nil, err
	}
	return notify.NewSMTP(cfg), nil
}

// dataDir is where the instance keeps generated keys.
func dataDir(opts Options) string {
	if opts.DataDir != "" {
		return opts.DataDir
	}
	if engine, path, err := store.ParseURL(opts.DB); err == nil && engine == store.SQLite {
		return filepath.Dir(path)
	}
	return "data"
}

// Handler is the instance's whole HTTP surface.
func (s *Server) Handler() http.Handler { return s.handler }

// Close releases the store.
func (s *Server) Close() error { return s.DB.Close() }

// Serve runs the worker and serves ln until ctx ends, then shuts down
// gracefully: no new connections, in-flight requests finish (up to 20 s).
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	wctx, stopWorker := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { s.Background(wctx) })
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		err = srv.Shutdown(sctx)
		cancel()
	}
	stopWorker()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// ServeBorder answers the border's standing lookups on ln (serve
// --border-addr) until ctx ends. It runs beside Serve, which runs the
// background work both listeners answer from.
func (s *Server) ServeBorder(ctx context.Context, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- s.borderServer.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		return s.borderServer.ShutdownWithContext(sctx)
	}
}

// Background runs what an instance does besides answering requests until
// ctx ends: the outbox worker, the listener for other instances' change
// notices, and the keeper of the border index.
func (s *Server) Background(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { s.Worker.Run(ctx) })
	wg.Go(func() { _ = s.DB.Listen(ctx) })
	wg.Go(func() { _ = s.Border.Run(ctx) })
	wg.Wait()
}

// Log is the instance's logger.
func (s *Server) Log() *slog.Logger { return s.log }
