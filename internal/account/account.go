// Package account manages organisations (exporters, the member states'
// licensing authorities, the Commission), their users, sign-in with rate
// limiting, web sessions and API tokens. Storage is behind the Store
// interface; every change carries its audit event into the same transaction.
package account

import (
	"context"
	"net/mail"
	"strings"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/country"
)

// OrgKind says what an organisation is.
type OrgKind string

// The kinds of organisation.
const (
	KindExporter   OrgKind = "exporter"
	KindAuthority  OrgKind = "authority"
	KindCommission OrgKind = "commission"
	KindOperator   OrgKind = "operator" // the installation's operator, home of admins
)

// Organisation is an exporter, a licensing authority or the Commission.
type Organisation struct {
	ID      int64     `json:"id"`
	Kind    OrgKind   `json:"kind"`
	Name    string    `json:"name"`
	Country string    `json:"country,omitempty"` // establishment (exporters) or member state (authorities)
	Created time.Time `json:"created"`
}

// Resource is the organisation as an object of authorisation.
func (o Organisation) Resource() auth.Resource {
	return auth.Resource{OrgID: o.ID, State: o.Country}
}

// Validate checks the organisation's fields against the country registry.
func (o Organisation) Validate(countries *country.Registry) error {
	if err := apperr.CheckText("name", o.Name, 200); err != nil {
		return err
	}
	switch o.Kind {
	case KindExporter, KindAuthority:
		c, err := countries.Lookup(o.Country)
		if err != nil {
			return apperr.Field(apperr.Invalid, "country", "%s", messageOf(err))
		}
		if o.Kind == KindAuthority && !c.EU {
			return apperr.Field(apperr.Invalid, "country", "%s is not an EU member state", c.Name)
		}
	case KindCommission, KindOperator:
		if o.Country != "" {
			return apperr.Field(apperr.Invalid, "country", "only exporters and authorities have a country")
		}
	default:
		return apperr.Field(apperr.Invalid, "kind", "unknown kind %q (want exporter, authority or commission)", o.Kind)
	}
	return nil
}

// User is a person who signs in.
type User struct {
	ID           int64        `json:"id"`
	Email        string       `json:"email"`
	Role         auth.Role    `json:"role"`
	Org          Organisation `json:"organisation"`
	PasswordHash string       `json:"-"`
	Created      time.Time    `json:"created"`
}

// Principal is the user as a caller.
func (u User) Principal() auth.Principal {
	p := auth.Principal{UserID: u.ID, Email: u.Email, Role: u.Role, OrgID: u.Org.ID}
	if u.Org.Kind == KindAuthority {
		p.State = u.Org.Country
	}
	return p
}

// roleFits says which kinds of organisation a role belongs to.
var roleFits = map[auth.Role]OrgKind{
	auth.Exporter:   KindExporter,
	auth.Officer:    KindAuthority,
	auth.Supervisor: KindAuthority,
	auth.Commission: KindCommission,
	auth.Admin:      KindOperator,
}

// Validate checks the user's e-mail and that the role fits the organisation.
func (u User) Validate() error {
	if err := checkEmail(u.Email); err != nil {
		return err
	}
	if _, err := auth.ParseRole(string(u.Role)); err != nil {
		return err
	}
	if want := roleFits[u.Role]; u.Org.Kind != want {
		return apperr.Field(apperr.Invalid, "organisation", "a user with role %s belongs to a %s organisation, not a %s", u.Role, want, u.Org.Kind)
	}
	return nil
}

func checkEmail(e string) error {
	if err := apperr.CheckText("email", e, 254); err != nil {
		return err
	}
	a, err := mail.ParseAddress(e)
	if err != nil || a.Address != e || !strings.Contains(e, "@") {
		return apperr.Field(apperr.Invalid, "email", "%q is not an e-mail address", e)
	}
	return nil
}

func messageOf(err error) string { m, _ := apperr.Safe(err); return m }

// OrgFilter narrows a listing of organisations.
type OrgFilter struct {
	ID      int64  // only this organisation
	Country string // only organisations of this country
	Kind    OrgKind
}

// Store keeps organisations, users, sessions and tokens. Methods that change
// anything take the audit event to record in the same transaction; the store
// fills in its sequence number, time and hashes.
type Store interface {
	CreateOrg(ctx context.Context, o *Organisation, ev audit.Event) error
	Org(ctx context.Context, id int64) (Organisation, error)
	OrgByName(ctx context.Context, name string) (Organisation, error)
	Orgs(ctx context.Context, f OrgFilter) ([]Organisation, error)
	CreateUser(ctx context.Context, u *User, ev audit.Event) error
	UserByEmail(ctx context.Context, email string) (User, error)
	Users(ctx context.Context, orgID int64) ([]User, error)
	// CreateCredential stores a session (kind "session") or API token (kind "token").
	CreateCredential(ctx context.Context, c Credential, ev audit.Event) error
	// UserByCredential returns the user holding an unexpired credential.
	UserByCredential(ctx context.Context, kind, hash string, now time.Time) (User, error)
	DeleteCredential(ctx context.Context, kind, hash string, ev audit.Event) error
	// Sign-in throttling: failures are counted per key within a window.
	RecordSignInFailure(ctx context.Context, keys []string, at time.Time) error
	SignInFailures(ctx context.Context, key string, since time.Time) (int, error)
	ClearSignInFailures(ctx context.Context, key string) error
	// OrgHistory returns the audit events of an organisation and of
	// everything in it, oldest first.
	OrgHistory(ctx context.Context, orgID int64) ([]audit.Event, error)
}

// Credential is a stored session or API token: only its hash is kept.
type Credential struct {
	Kind    string // "session" or "token"
	Hash    string
	UserID  int64
	Created time.Time
	Expires time.Time
}
