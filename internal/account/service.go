package account

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/country"
)

// Sign-in limits: failures counted within Window, per account and per address.
const (
	Window             = 15 * time.Minute
	MaxFailuresAccount = 5
	MaxFailuresAddress = 20
	SessionLifetime    = 12 * time.Hour
	TokenLifetime      = 30 * 24 * time.Hour
)

// Service is the account use cases; each checks the caller's permission.
type Service struct {
	Store     Store
	Countries *country.Registry
	Argon2    auth.Argon2Params
	Now       func() time.Time
	// CacheTTL, when set, keeps authenticated credentials in memory that
	// long, sparing a database read per request. A revocation takes effect
	// at once on this process and within CacheTTL on other replicas.
	CacheTTL time.Duration

	cacheMu sync.Mutex
	cache   map[string]cachedUser
}

type cachedUser struct {
	user  User
	until time.Time
}

// maxCached bounds the credential cache; when full it starts afresh.
const maxCached = 10000

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// CreateOrg adds an organisation.
func (s *Service) CreateOrg(ctx context.Context, actor auth.Principal, o Organisation) (_ Organisation, err error) {
	defer apperr.Wrap(&err, "account.CreateOrg")
	if err := auth.Authorize(actor, auth.CreateOrg, auth.Resource{}); err != nil {
		return Organisation{}, err
	}
	o.Name = strings.TrimSpace(o.Name)
	o.Country = strings.ToUpper(strings.TrimSpace(o.Country))
	if err := o.Validate(s.Countries); err != nil {
		return Organisation{}, err
	}
	o.Created = s.now().UTC()
	ev := actor.Event(ctx, 0, "org.create", "organisation", "", fmt.Sprintf("created %s %q (%s)", o.Kind, o.Name, o.Country))
	if err := s.Store.CreateOrg(ctx, &o, ev); err != nil {
		return Organisation{}, err
	}
	return o, nil
}

// SeedAuthorities makes sure each member state's licensing authority and the
// Commission exist; it returns how many it created.
func (s *Service) SeedAuthorities(ctx context.Context) (int, error) {
	n := 0
	want := []Organisation{{Kind: KindCommission, Name: "European Commission"}, {Kind: KindOperator, Name: "Operator"}}
	for _, c := range s.Countries.EUMembers() {
		want = append(want, Organisation{Kind: KindAuthority, Name: AuthorityName(c), Country: c.Alpha2})
	}
	for _, o := range want {
		_, err := s.Store.OrgByName(ctx, o.Name)
		if err == nil {
			continue
		}
		if !apperr.Is(err, apperr.NotFound) {
			return n, err
		}
		if _, err := s.CreateOrg(ctx, auth.System(), o); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// AuthorityName is the seeded name of a member state's licensing authority.
func AuthorityName(c country.Country) string {
	return "Licensing authority of " + c.Name + " (" + c.Alpha2 + ")"
}

// Org returns one organisation the caller may see.
func (s *Service) Org(ctx context.Context, actor auth.Principal, id int64) (Organisation, error) {
	o, err := s.Store.Org(ctx, id)
	if err != nil {
		return Organisation{}, missing(actor, auth.ReadOrg, err)
	}
	if err := auth.Authorize(actor, auth.ReadOrg, o.Resource()); err != nil {
		return Organisation{}, err
	}
	return o, nil
}

// Orgs lists the organisations the caller may see.
func (s *Service) Orgs(ctx context.Context, actor auth.Principal) ([]Organisation, error) {
	if err := auth.Authorize(actor, auth.ListOrgs, auth.Resource{OrgID: actor.OrgID, State: actor.State}); err != nil {
		return nil, err
	}
	all, err := s.Store.Orgs(ctx, OrgFilter{})
	if err != nil {
		return nil, err
	}
	scope := auth.ScopeOf(actor, auth.ListOrgs)
	var out []Organisation
	for _, o := range all {
		if auth.Covers(actor, scope, o.Resource()) {
			out = append(out, o)
		}
	}
	return out, nil
}

// NewUser is what CreateUser needs: the organisation is named (exporters,
// the Commission) or, for authority staff, given by its member state.
type NewUser struct {
	Email    string `json:"email"`
	Role     string `json:"role"`
	Org      string `json:"organisation,omitempty"`
	State    string `json:"state,omitempty"`
	Password string `json:"password"`
}

// CreateUser adds a user to an organisation.
func (s *Service) CreateUser(ctx context.Context, actor auth.Principal, nu NewUser) (_ User, err error) {
	defer apperr.Wrap(&err, "account.CreateUser")
	if err := auth.Authorize(actor, auth.CreateUser, auth.Resource{}); err != nil {
		return User{}, err
	}
	role, err := auth.ParseRole(nu.Role)
	if err != nil {
		return User{}, err
	}
	var org Organisation
	switch {
	case nu.State != "" && nu.Org != "":
		return User{}, apperr.Field(apperr.Invalid, "state", "give the organisation or the state, not both")
	case nu.State != "":
		c, err := s.Countries.Lookup(nu.State)
		if err != nil {
			return User{}, apperr.Field(apperr.Invalid, "state", "%s", messageOf(err))
		}
		org, err = s.Store.OrgByName(ctx, AuthorityName(c))
		if err != nil {
			return User{}, apperr.Field(apperr.Invalid, "state", "no licensing authority for %s", c.Alpha2)
		}
	case nu.Org != "":
		org, err = s.Store.OrgByName(ctx, nu.Org)
		if apperr.Is(err, apperr.NotFound) {
			return User{}, apperr.Field(apperr.Invalid, "organisation", "no organisation named %q", nu.Org)
		} else if err != nil {
			return User{}, err
		}
	case role == auth.Commission:
		org, err = s.Store.OrgByName(ctx, "European Commission")
	case role == auth.Admin:
		org, err = s.Store.OrgByName(ctx, "Operator")
	default:
		return User{}, apperr.Field(apperr.Invalid, "organisation", "required for role %s (or state, for authority staff)", role)
	}
	if err != nil {
		return User{}, err
	}
	u := User{Email: strings.ToLower(strings.TrimSpace(nu.Email)), Role: role, Org: org, Created: s.now().UTC()}
	if err := u.Validate(); err != nil {
		return User{}, err
	}
	if u.PasswordHash, err = auth.HashPassword(nu.Password, s.Argon2); err != nil {
		return User{}, err
	}
	ev := actor.Event(ctx, org.ID, "user.create", "user", "", fmt.Sprintf("created %s %s in %q", role, u.Email, org.Name))
	if err := s.Store.CreateUser(ctx, &u, ev); err != nil {
		return User{}, err
	}
	return u, nil
}

// Users lists the users the caller may see.
func (s *Service) Users(ctx context.Context, actor auth.Principal) ([]User, error) {
	if err := auth.Authorize(actor, auth.ListUsers, auth.Resource{OrgID: actor.OrgID}); err != nil {
		return nil, err
	}
	var org int64
	if auth.ScopeOf(actor, auth.ListUsers) != auth.Any {
		org = actor.OrgID
	}
	return s.Store.Users(ctx, org)
}

// SignIn checks e-mail and password, throttled per account and per address.
// Every failure says the same thing, whichever part was wrong.
func (s *Service) SignIn(ctx context.Context, email, password, addr string) (User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.now()
	acctKey, addrKey := "account:"+email, "address:"+addr
	for _, k := range []struct {
		key string
		max int
	}{{acctKey, MaxFailuresAccount}, {addrKey, MaxFailuresAddress}} {
		n, err := s.Store.SignInFailures(ctx, k.key, now.Add(-Window))
		if err != nil {
			return User{}, err
		}
		if n >= k.max {
			return User{}, apperr.New(apperr.TooManyRequests, "too many failed sign-ins; try again in %d minutes", int(Window.Minutes()))
		}
	}
	u, err := s.Store.UserByEmail(ctx, email)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return User{}, err
	}
	ok := err == nil && auth.CheckPassword(u.PasswordHash, password)
	if !ok {
		if err == nil {
			_ = auth.CheckPassword(u.PasswordHash, password) // same cost either way
		}
		if err := s.Store.RecordSignInFailure(ctx, []string{acctKey, addrKey}, now); err != nil {
			return User{}, err
		}
		return User{}, apperr.New(apperr.Unauthenticated, "wrong e-mail or password")
	}
	if err := s.Store.ClearSignInFailures(ctx, acctKey); err != nil {
		return User{}, err
	}
	return u, nil
}

// IssueCredential creates a session ("session") or API token ("token") for a
// signed-in user and returns its secret, which is shown once.
func (s *Service) IssueCredential(ctx context.Context, u User, kind string) (string, error) {
	prefix, life := "dus_", SessionLifetime
	if kind == "token" {
		prefix, life = "du_", TokenLifetime
	}
	secret, hash := auth.NewSecret(prefix)
	now := s.now().UTC()
	c := Credential{Kind: kind, Hash: hash, UserID: u.ID, Created: now, Expires: now.Add(life)}
	ev := u.Principal().Event(ctx, u.Org.ID, kind+".create", "user", fmt.Sprint(u.ID), "signed in, "+kind+" issued")
	if err := s.Store.CreateCredential(ctx, c, ev); err != nil {
		return "", err
	}
	return secret, nil
}

// Authenticate returns the principal holding a session or token secret.
func (s *Service) Authenticate(ctx context.Context, kind, secret string) (User, error) {
	key, now := kind+":"+auth.HashSecret(secret), s.now().UTC()
	if s.CacheTTL > 0 {
		s.cacheMu.Lock()
		c, ok := s.cache[key]
		s.cacheMu.Unlock()
		if ok && now.Before(c.until) {
			return c.user, nil
		}
	}
	u, err := s.Store.UserByCredential(ctx, kind, auth.HashSecret(secret), now)
	if apperr.Is(err, apperr.NotFound) {
		return User{}, apperr.New(apperr.Unauthenticated, "invalid or expired %s", kind)
	} else if err != nil {
		return User{}, err
	}
	if s.CacheTTL > 0 {
		s.cacheMu.Lock()
		if s.cache == nil || len(s.cache) >= maxCached {
			s.cache = map[string]cachedUser{}
		}
		s.cache[key] = cachedUser{u, now.Add(s.CacheTTL)}
		s.cacheMu.Unlock()
	}
	return u, nil
}

// forget drops a credential from the cache.
func (s *Service) forget(kind, secret string) {
	s.cacheMu.Lock()
	delete(s.cache, kind+":"+auth.HashSecret(secret))
	s.cacheMu.Unlock()
}

// Revoke ends the caller's session or token.
func (s *Service) Revoke(ctx context.Context, p auth.Principal, kind, secret string) error {
	s.forget(kind, secret)
	ev := p.Event(ctx, p.OrgID, kind+".revoke", "user", fmt.Sprint(p.UserID), kind+" revoked")
	return s.Store.DeleteCredential(ctx, kind, auth.HashSecret(secret), ev)
}

// OrgHistory returns the audit trail of an organisation and everything in it,
// for authority staff of its state and admins.
func (s *Service) OrgHistory(ctx context.Context, actor auth.Principal, orgID int64) ([]audit.Event, error) {
	o, err := s.Store.Org(ctx, orgID)
	if err != nil {
		return nil, missing(actor, auth.ReadAudit, err)
	}
	if err := auth.Authorize(actor, auth.ReadAudit, o.Resource()); err != nil {
		return nil, err
	}
	return s.Store.OrgHistory(ctx, orgID)
}

// missing answers a lookup that failed: a caller without the permission
// learns only that (as for someone else's object); others get the error.
func missing(actor auth.Principal, a auth.Action, err error) error {
	if !apperr.Is(err, apperr.NotFound) {
		return err
	}
	if aerr := auth.Authorize(actor, a, auth.Resource{OrgID: -1}); aerr != nil {
		return aerr
	}
	return err
}
