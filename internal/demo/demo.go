// Package demo seeds a small, clearly fictional data set so that a newcomer
// sees a working system: a few exporters with their classified products,
// every authority, and demo users whose passwords are printed on start. It
// only ever writes into an empty database or one it seeded before.
package demo

import (
	"context"
	"fmt"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
)

// Settings is where the demo marker is kept.
type Settings interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string, ev audit.Event) error
}

// Account is one demo user, with its password.
type Account struct {
	Email, Password, Role, Org string
}

// Exporters are the fictional companies of the demo.
var Exporters = []account.Organisation{
	{Kind: account.KindExporter, Name: "Nordlicht Optics GmbH (demo)", Country: "DE"},
	{Kind: account.KindExporter, Name: "Vantage Signal Systems B.V. (demo)", Country: "NL"},
	{Kind: account.KindExporter, Name: "Aurora Biometrics Oy (demo)", Country: "FI"},
}

// Accounts are the demo users. The passwords are public: demo data only.
var Accounts = []Account{
	{"export@nordlicht.example", "demo-exporter-password", "exporter", "Nordlicht Optics GmbH (demo)"},
	{"export@vantage.example", "demo-exporter-password", "exporter", "Vantage Signal Systems B.V. (demo)"},
	{"export@aurora.example", "demo-exporter-password", "exporter", "Aurora Biometrics Oy (demo)"},
	{"officer@bafa.example", "demo-officer-password", "officer", "DE"},
	{"supervisor@bafa.example", "demo-supervisor-password", "supervisor", "DE"},
	{"officer@cdiu.example", "demo-officer-password", "officer", "NL"},
	{"analyst@commission.example", "demo-commission-password", "commission", ""},
	{"admin@dualuse.example", "demo-admin-password", "admin", ""},
}

const marker = "demo"

// Seed fills the database with the demo set, once. A database that already
// holds users but was not seeded by Seed is refused: demo data never enters
// a real database.
func Seed(ctx context.Context, accounts *account.Service, settings Settings) ([]Account, error) {
	v, err := settings.Setting(ctx, marker)
	if err != nil {
		return nil, err
	}
	if v == "true" {
		return Accounts, nil
	}
	users, err := accounts.Store.Users(ctx, 0)
	if err != nil {
		return nil, err
	}
	if len(users) > 0 {
		return nil, apperr.New(apperr.Conflict, "the database holds %d users and is not a demo database: use --demo only with a new --db", len(users))
	}
	sys := auth.System()
	for _, o := range Exporters {
		if _, err := accounts.CreateOrg(ctx, sys, o); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	for _, a := range Accounts {
		nu := account.NewUser{Email: a.Email, Role: a.Role, Password: a.Password}
		if a.Role == "officer" || a.Role == "supervisor" {
			nu.State = a.Org
		} else {
			nu.Org = a.Org
		}
		if _, err := accounts.CreateUser(ctx, sys, nu); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	if err := settings.SetSetting(ctx, marker, "true", sys.Event(ctx, 0, "demo.seed", "setting", marker, "demo data set seeded")); err != nil {
		return nil, err
	}
	return Accounts, nil
}
