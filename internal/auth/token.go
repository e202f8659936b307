package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// SessionIdle is how long a session lives without a request.
const SessionIdle = 30 * time.Minute

// DefaultSessionLifetime is how long a session lives at most, however busy:
// a stolen session token is worth a working day at most.
const DefaultSessionLifetime = 12 * time.Hour

// sessionTouchEvery limits how often a session's expiry is pushed back, so a
// burst of requests costs one write, not one each. It is small beside
// SessionIdle, so a session never ends more than this much early.
const sessionTouchEvery = time.Minute

// APITokenPrefix starts every API token, so a leaked token is recognisable
// in logs and by secret scanners.
const APITokenPrefix = "zjtx_"

// Session is a login on one browser. Only the hash of its token is stored.
type Session struct {
	ID         int64
	UserID     int64
	TokenHash  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	UserAgent  string
	IP         string
}

// NewSessionToken returns a fresh random session token (256 bits).
func NewSessionToken() string { return randomToken() }

// NewAPIToken returns a fresh random API token (256 bits) with APITokenPrefix.
func NewAPIToken() string { return APITokenPrefix + randomToken() }

func randomToken() string {
	b := make([]byte, 32)
	// crypto/rand.Read never returns an error (Go 1.24+); it panics instead.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken returns the hex SHA-256 of a token. Tokens are random with 256
// bits, so a fast hash is enough: the database never holds a usable token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(token)))
	return hex.EncodeToString(sum[:])
}

// NewSession returns a session for the user, started at now, and its token.
// It ends after SessionIdle without a request or lifetime after its start
// (0: DefaultSessionLifetime), whichever comes first.
func NewSession(userID int64, now time.Time, lifetime time.Duration) (*Session, string) {
	token := NewSessionToken()
	s := &Session{UserID: userID, TokenHash: HashToken(token), CreatedAt: now, LastSeenAt: now}
	s.ExpiresAt = s.expiry(now, lifetime)
	return s, token
}

// expiry is the idle deadline of a request at now, cut at the absolute end.
func (s *Session) expiry(now time.Time, lifetime time.Duration) time.Time {
	if lifetime <= 0 {
		lifetime = DefaultSessionLifetime
	}
	idle, end := now.Add(SessionIdle), s.CreatedAt.Add(lifetime)
	if end.Before(idle) {
		return end
	}
	return idle
}

// Expired reports whether s has ended at now: idle too long, or older than
// lifetime (0: DefaultSessionLifetime). The lifetime is checked here too, not
// only through ExpiresAt, so that shortening it reaches sessions already
// started.
func (s *Session) Expired(now time.Time, lifetime time.Duration) bool {
	if lifetime <= 0 {
		lifetime = DefaultSessionLifetime
	}
	return !now.Before(s.ExpiresAt) || !now.Before(s.CreatedAt.Add(lifetime))
}

// TouchDue reports whether a request at now should push the expiry back.
func (s *Session) TouchDue(now time.Time) bool { return now.Sub(s.LastSeenAt) >= sessionTouchEvery }

// Touch records a request at now and pushes the idle expiry back, never past
// the session's absolute end.
func (s *Session) Touch(now time.Time, lifetime time.Duration) {
	s.LastSeenAt = now
	s.ExpiresAt = s.expiry(now, lifetime)
}

// APIToken is a long-lived credential for programs (the JSON API). Only the
// hash is stored; Prefix keeps a few characters so a user can tell tokens apart.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	TokenHash  string
	Prefix     string
	CreatedAt  time.Time
	LastUsedAt time.Time
	ExpiresAt  time.Time // zero: never
	RevokedAt  time.Time // zero: in force
}

// Valid reports whether t may be used at now.
func (t *APIToken) Valid(now time.Time) bool {
	return t.RevokedAt.IsZero() && (t.ExpiresAt.IsZero() || now.Before(t.ExpiresAt))
}

// TokenPrefix returns the displayable start of a token.
func TokenPrefix(token string) string {
	if len(token) > len(APITokenPrefix)+6 {
		return token[:len(APITokenPrefix)+6]
	}
	return token
}
