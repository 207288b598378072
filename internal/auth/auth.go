// Package auth decides who may do what in dualuse. Every request, whatever
// its transport, ends in one call to Authorize with the caller's Principal,
// the Action and the Resource it touches. It also hashes passwords
// (argon2id) and makes the random secrets behind sessions and API tokens.
package auth

import (
	"context"
	"fmt"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
)

// Role is what a user is allowed to do.
type Role string

// The roles. Anonymous visitors have the empty role.
const (
	Anonymous  Role = ""
	Exporter   Role = "exporter"   // staff of an exporting company
	Officer    Role = "officer"    // licensing officer of a member state's authority
	Supervisor Role = "supervisor" // senior officer who signs decisions
	Commission Role = "commission" // European Commission staff
	Admin      Role = "admin"      // operator of the installation
)

// Roles lists every role a user can have.
var Roles = []Role{Exporter, Officer, Supervisor, Commission, Admin}

// ParseRole checks a role name.
func ParseRole(s string) (Role, error) {
	for _, r := range Roles {
		if string(r) == s {
			return r, nil
		}
	}
	return "", apperr.Field(apperr.Invalid, "role", "unknown role %q (want exporter, officer, supervisor, commission or admin)", s)
}

// AuthorityStaff reports whether the role belongs to a licensing authority.
func (r Role) AuthorityStaff() bool { return r == Officer || r == Supervisor }

// Principal is the caller of a request.
type Principal struct {
	UserID int64
	Email  string
	Role   Role
	OrgID  int64  // the user's organisation
	State  string // ISO alpha-2 of the member state, for authority staff
}

// System is the principal of command-line administration and of jobs.
func System() Principal { return Principal{Email: "system", Role: Admin} }

// Authenticated reports whether the caller signed in.
func (p Principal) Authenticated() bool { return p.Role != Anonymous }

// Resource is what an action touches: the organisation that owns it and the
// member state whose authority is responsible for it.
type Resource struct {
	OrgID int64
	State string
}

// Scope says which resources a role may act on for one action.
type Scope int

// The scopes, from none to all.
const (
	None     Scope = iota
	OwnOrg         // resources of the caller's own organisation
	OwnState       // resources for which the caller's member state is responsible
	Any            // every resource
)

// Action is something a caller asks to do.
type Action string

// The actions. Rules holds who may do each.
const (
	ReadPublic     Action = "public.read"
	ReadSelf       Action = "self.read"
	ListOrgs       Action = "org.list"
	ReadOrg        Action = "org.read"
	CreateOrg      Action = "org.create"
	ListUsers      Action = "user.list"
	CreateUser     Action = "user.create"
	ReadAudit      Action = "audit.read"
	VerifyAudit    Action = "audit.verify"
	Screen         Action = "screening.run"
	ReadControlLst Action = "controllist.read"
	Determine      Action = "determination.run"
	ManageLists    Action = "lists.manage"
	ReadHits       Action = "screening.hits.read"
	// ReadProduct and WriteProduct cover an exporter's product registry:
	// its products, their classifications and re-classification tasks.
	ReadProduct  Action = "product.read"
	WriteProduct Action = "product.write"
	// ReclassifyProducts opens re-classification tasks after a control-list
	// change: an operator's job, run from the command line.
	ReclassifyProducts Action = "product.reclassify"
)

// Rules is the permission table: for each action, the scope each role has.
// A role missing from an action's row has no access.
var Rules = map[Action]map[Role]Scope{
	ReadPublic:     {Anonymous: Any, Exporter: Any, Officer: Any, Supervisor: Any, Commission: Any, Admin: Any},
	ReadControlLst: {Anonymous: Any, Exporter: Any, Officer: Any, Supervisor: Any, Commission: Any, Admin: Any},
	ReadSelf:       {Exporter: OwnOrg, Officer: OwnOrg, Supervisor: OwnOrg, Commission: OwnOrg, Admin: Any},
	ListOrgs:       {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Commission: Any, Admin: Any},
	ReadOrg:        {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Commission: Any, Admin: Any},
	CreateOrg:      {Admin: Any},
	ListUsers:      {Supervisor: OwnOrg, Admin: Any},
	CreateUser:     {Admin: Any},
	ReadAudit:      {Officer: OwnState, Supervisor: OwnState, Admin: Any},
	VerifyAudit:    {Admin: Any},
	Screen:         {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Commission: Any, Admin: Any},
	ManageLists:    {Admin: Any},
	ReadHits:       {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Admin: Any},
	Determine:      {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Commission: Any, Admin: Any},
	// Exporters keep their own registry; authority staff read the products
	// of exporters established in their state; nobody else writes.
	ReadProduct:        {Exporter: OwnOrg, Officer: OwnState, Supervisor: OwnState, Admin: Any},
	WriteProduct:       {Exporter: OwnOrg},
	ReclassifyProducts: {Admin: Any},
}

// ScopeOf returns the scope the principal's role has for the action.
func ScopeOf(p Principal, a Action) Scope { return Rules[a][p.Role] }

// Authorize is the one check every request passes through. It returns nil
// when p may perform a on r; Unauthenticated when an anonymous caller must
// sign in; NotFound when the resource belongs to someone else (so that
// guessing identifiers tells nothing); Forbidden when the role may not do a.
func Authorize(p Principal, a Action, r Resource) error {
	row, known := Rules[a]
	if !known {
		return apperr.New(apperr.Internal, "no permission rule for action %q", a)
	}
	scope := row[p.Role]
	if scope == None {
		if !p.Authenticated() {
			return apperr.New(apperr.Unauthenticated, "sign in first")
		}
		return apperr.New(apperr.Forbidden, "your role (%s) may not %s", p.Role, a)
	}
	if Covers(p, scope, r) {
		return nil
	}
	return apperr.New(apperr.NotFound, "not found")
}

// Covers reports whether a scope granted to p includes resource r.
func Covers(p Principal, s Scope, r Resource) bool {
	switch s {
	case Any:
		return true
	case OwnOrg:
		return r.OrgID == 0 || r.OrgID == p.OrgID
	case OwnState:
		return r.OrgID == p.OrgID || (r.State == "" && r.OrgID == 0) || (p.State != "" && r.State == p.State)
	}
	return false
}

type principalKey struct{}

// WithPrincipal returns a context carrying the caller.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// FromContext returns the caller; anonymous when none is set.
func FromContext(ctx context.Context) Principal {
	p, _ := ctx.Value(principalKey{}).(Principal)
	return p
}

// Event returns the audit event of an action by the principal on an object
// of organisation orgID, carrying the request id of ctx.
func (p Principal) Event(ctx context.Context, orgID int64, action, objType, objID, summary string) audit.Event {
	return audit.Event{
		ActorID: p.UserID, ActorEmail: p.Email, OrgID: orgID,
		Action: action, ObjectType: objType, ObjectID: objID,
		Summary: summary, RequestID: audit.RequestID(ctx),
	}
}

// String names the principal for logs.
func (p Principal) String() string {
	if !p.Authenticated() {
		return "anonymous"
	}
	return fmt.Sprintf("%s (%s)", p.Email, p.Role)
}
