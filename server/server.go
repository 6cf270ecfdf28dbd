// Package server serves the campaign to its team over SSH (canvass serve): each person logs in
// with their own public key, gets the interface in their own terminal or runs one command, and
// reaches only what their role allows. Who they are is read from their key once, at login; the
// role check itself is the domain's (canvass.Campaign.As): the server only hands each session the
// member's handle on the one campaign file.
//
// The server is wiring: public-key authentication against the team, a limit on failed attempts
// per address, a cap on connections, an idle timeout, and a handler that runs the interface or a
// command and records the login, the command and the logout in the audit trail.
package server

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	"charm.land/wish/v2"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"
	gossh "golang.org/x/crypto/ssh"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui"
)

// CommandFunc runs a command line (the words after `ssh HOST`) for a member, as on the laptop,
// on their handle, speaking lang (the session's: the LANG or LC_* its client sends, else the
// campaign's setting, else English) unless the command line's --lang says otherwise; it returns
// the exit code and the command's words without its arguments.
type CommandFunc func(ctx context.Context, as *canvass.Campaign, lang i18n.Lang, args []string, stdin io.Reader, stdout, stderr io.Writer) (int, []string)

// Config is what the server serves and how.
type Config struct {
	Campaign *canvass.Campaign // the organizer's handle on the campaign file
	Command  CommandFunc
	HostKey  string // the host key file, created (0600) on first start and kept
	Dir      string // where members' exports are written, one folder per member
	Log      io.Writer
	// Limits; zero takes the defaults below.
	IdleTimeout time.Duration // a connection without traffic this long is closed
	MaxSessions int           // connections at once
	MaxFailures int           // refused authentications per address per FailureWindow
}

// Defaults of the limits.
const (
	DefaultIdleTimeout = 15 * time.Minute
	DefaultMaxSessions = 100
	DefaultMaxFailures = 20
	FailureWindow      = time.Minute
)

// Server is the SSH server of one campaign.
type Server struct {
	cfg      Config
	srv      *ssh.Server
	log      *log.Logger
	failures *failures
	open     atomic.Int64 // connections open
}

// memberKey holds in a connection's context the member its key authenticated; handleKey, in a
// session's, their handle on the campaign, for the interface.
type (
	memberKey struct{}
	handleKey struct{}
)

// New builds the server; Serve starts it.
func New(cfg Config) (*Server, error) {
	if cfg.IdleTimeout == 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxSessions == 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	if cfg.MaxFailures == 0 {
		cfg.MaxFailures = DefaultMaxFailures
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	if err := ensureHostKey(cfg.HostKey); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, log: log.New(cfg.Log, "canvass serve: ", log.LstdFlags), failures: newFailures(cfg.MaxFailures, FailureWindow)}
	srv, err := wish.NewServer(
		ssh.HostKeyFile(cfg.HostKey),
		ssh.PublicKeyAuth(s.publicKey),
		ssh.EmulatePty(),
		wish.WithMiddleware(bm.MiddlewareWithProgramHandler(s.program), s.session),
	)
	if err != nil {
		return nil, err
	}
	srv.IdleTimeout = cfg.IdleTimeout
	srv.HandshakeTimeout = 30 * time.Second
	srv.ConnCallback = s.admit
	srv.ServerConfigCallback = func(ssh.Context) *gossh.ServerConfig {
		return &gossh.ServerConfig{MaxAuthTries: 6, AuthLogCallback: s.authLog}
	}
	s.srv = srv
	return s, nil
}

// Serve serves connections from l until Close or Shutdown.
func (s *Server) Serve(l net.Listener) error {
	err := s.srv.Serve(l)
	if errors.Is(err, ssh.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops accepting connections and waits for the open ones to end, until ctx is done.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }

// Close closes the server and every connection at once.
func (s *Server) Close() error { return s.srv.Close() }

// admit caps the connections open at once: one over is closed before its handshake.
func (s *Server) admit(_ ssh.Context, conn net.Conn) net.Conn {
	if s.open.Add(1) > int64(s.cfg.MaxSessions) {
		s.open.Add(-1)
		s.log.Printf("refused a connection from %s: %d sessions open already", host(conn.RemoteAddr()), s.cfg.MaxSessions)
		return nil
	}
	return &counted{Conn: conn, done: func() { s.open.Add(-1) }}
}

// counted is a connection that says once when it is closed.
type counted struct {
	net.Conn
	once sync.Once
	done func()
}

func (c *counted) Close() error {
	c.once.Do(c.done)
	return c.Conn.Close()
}

// publicKey lets in the members of the team, by their key, unless their address failed too
// often lately. Passwords and keyboard-interactive are not offered at all.
func (s *Server) publicKey(ctx ssh.Context, key ssh.PublicKey) bool {
	addr := host(ctx.RemoteAddr())
	if s.failures.blocked(addr) {
		return false
	}
	m, err := s.cfg.Campaign.MemberByKey(ctx, gossh.FingerprintSHA256(key))
	if err != nil {
		return false // counted by authLog, with every other refusal
	}
	ctx.SetValue(memberKey{}, m)
	return true
}

// authLog counts each refused attempt (an unknown key, a password) against its address, and
// says so in the log.
func (s *Server) authLog(conn gossh.ConnMetadata, method string, err error) {
	if err == nil || method == "none" {
		return // "none" is how every client asks which methods there are
	}
	addr := host(conn.RemoteAddr())
	if s.failures.fail(addr) {
		s.log.Printf("%s: too many refused attempts, refused for %s", addr, FailureWindow)
	}
	s.log.Printf("refused %s authentication from %s", method, addr)
}

// member is who the session's key belongs to, read again from the team: the key a client offered
// first is not always the one it signed with, and a member removed since cannot open a session.
func (s *Server) member(sess ssh.Session) (canvass.Member, error) {
	if sess.PublicKey() == nil {
		return canvass.Member{}, canvass.ErrUnknownKey
	}
	return s.cfg.Campaign.MemberByKey(sess.Context(), gossh.FingerprintSHA256(sess.PublicKey()))
}

// session runs a command for the member, or, without one, lets the interface (program) run; it
// records the login and logout, and the command with its exit code.
func (s *Server) session(next ssh.Handler) ssh.Handler {
	return func(sess ssh.Session) {
		m, err := s.member(sess)
		if err != nil {
			wish.Fatalln(sess, "canvass: this key is no longer in the team")
			return
		}
		as, ctx, started := s.cfg.Campaign.As(m), sess.Context(), time.Now()
		via := canvass.ViaInterface
		if len(sess.Command()) > 0 {
			via = canvass.ViaCommand
		}
		s.log.Printf("%s (%s) logged in from %s (%s)", m.Name, m.Role, host(sess.RemoteAddr()), via)
		if err := as.LoggedIn(context.WithoutCancel(ctx), via); err != nil {
			wish.Fatalln(sess, "canvass: cannot record the login in the audit trail:", err)
			return
		}
		defer func() {
			_ = as.LoggedOut(context.WithoutCancel(ctx), via, time.Since(started))
			s.log.Printf("%s logged out after %s", m.Name, time.Since(started).Round(time.Second))
		}()
		if via == canvass.ViaCommand {
			code, words := s.cfg.Command(ctx, as, sessionLang(sess, as), sess.Command(), sess, sess, sess.Stderr())
			_ = as.RanCommand(context.WithoutCancel(ctx), words, code)
			s.log.Printf("%s ran %q: exit %d", m.Name, strings.Join(words, " "), code)
			_ = sess.Exit(code)
			return
		}
		if _, _, ok := sess.Pty(); !ok {
			fmt.Fprintln(sess.Stderr(), "canvass: the interface needs a terminal: ssh -t, or give a command (ssh HOST status)")
			_ = sess.Exit(2)
			return
		}
		sess.Context().SetValue(handleKey{}, as)
		next(sess)
	}
}

// program builds the interface of a session: the member's screens, the terminal's size and
// colours as the session's environment says (TERM, COLORTERM, NO_COLOR).
func (s *Server) program(sess ssh.Session) *tea.Program {
	as, ok := sess.Context().Value(handleKey{}).(*canvass.Campaign)
	if !ok {
		return nil
	}
	pty, _, _ := sess.Pty()
	profile := colorprofile.Env(append(sess.Environ(), "TERM="+pty.Term))
	dir := s.cfg.Dir
	if dir != "" {
		dir = memberDir(dir, as.Member().Name)
	}
	m := tui.New(sess.Context(), as, tui.Options{Profile: profile, Dir: dir, Live: true,
		Confine: as.Member().Role != policy.Organizer, Printer: i18n.New(sessionLang(sess, as))})
	return tea.NewProgram(m, append(bm.MakeOptions(sess), tea.WithContext(sess.Context()), tea.WithColorProfile(profile))...)
}

// sessionLang is the language of a session's interface and commands: the LANG or LC_* its client sends, else
// the campaign's setting, else English.
func sessionLang(sess ssh.Session, as *canvass.Campaign) i18n.Lang {
	env := map[string]string{}
	for _, kv := range sess.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	if env["LC_ALL"] != "" || env["LC_MESSAGES"] != "" || env["LANG"] != "" {
		return i18n.FromEnv(func(k string) string { return env[k] })
	}
	if st, err := as.Settings(sess.Context()); err == nil && st.Lang != "" {
		if l, err := i18n.ParseLang(st.Lang); err == nil {
			return l
		}
	}
	return i18n.English
}

// host is the address without its port: attempts are counted per machine.
func host(a net.Addr) string {
	if h, _, err := net.SplitHostPort(a.String()); err == nil {
		return h
	}
	return a.String()
}

// ensureHostKey creates the host key at path (ed25519, 0600) when there is none, and refuses one
// others can read: clients remember it, so it is made once and kept.
func ensureHostKey(path string) error {
	st, err := os.Stat(path)
	switch {
	case err == nil:
		if st.Mode().Perm()&0o077 != 0 {
			return fmt.Errorf("host key %s is readable by others (mode %v): chmod 600 %s", path, st.Mode().Perm(), path)
		}
		return nil
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	block, err := gossh.MarshalPrivateKey(priv, "canvass serve host key")
	if err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create the host key: %w", err)
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
