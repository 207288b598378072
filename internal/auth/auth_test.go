package auth_test

import (
	"testing"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/auth"
)

func TestAuthorize(t *testing.T) {
	exp := auth.Principal{UserID: 1, Role: auth.Exporter, OrgID: 10}
	off := auth.Principal{UserID: 2, Role: auth.Officer, OrgID: 20, State: "DE"}
	adm := auth.Principal{UserID: 3, Role: auth.Admin, OrgID: 30}
	anon := auth.Principal{}
	tests := []struct {
		name string
		p    auth.Principal
		a    auth.Action
		r    auth.Resource
		want apperr.Kind
	}{
		{"exporter reads own org", exp, auth.ReadOrg, auth.Resource{OrgID: 10, State: "DE"}, ""},
		{"exporter reads other org", exp, auth.ReadOrg, auth.Resource{OrgID: 11, State: "DE"}, apperr.NotFound},
		{"exporter creates user", exp, auth.CreateUser, auth.Resource{}, apperr.Forbidden},
		{"officer reads exporter of own state", off, auth.ReadOrg, auth.Resource{OrgID: 10, State: "DE"}, ""},
		{"officer reads exporter of other state", off, auth.ReadOrg, auth.Resource{OrgID: 12, State: "FR"}, apperr.NotFound},
		{"admin creates org", adm, auth.CreateOrg, auth.Resource{}, ""},
		{"anonymous reads public", anon, auth.ReadPublic, auth.Resource{}, ""},
		{"anonymous reads org", anon, auth.ReadOrg, auth.Resource{OrgID: 10}, apperr.Unauthenticated},
		{"unknown action", adm, auth.Action("nope"), auth.Resource{}, apperr.Internal},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := apperr.KindOf(auth.Authorize(tt.p, tt.a, tt.r)); got != tt.want {
				t.Errorf("Authorize = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPassword(t *testing.T) {
	h, err := auth.HashPassword("correct horse battery", auth.DefaultArgon2)
	if err != nil {
		t.Fatal(err)
	}
	if !auth.CheckPassword(h, "correct horse battery") {
		t.Error("right password rejected")
	}
	for _, bad := range []string{"correct horse batterY", ""} {
		if auth.CheckPassword(h, bad) {
			t.Errorf("wrong password %q accepted", bad)
		}
	}
	for _, garbage := range []string{"", "$argon2id$", "$argon2id$v=19$m=1,t=1,p=1$!!$!!", "$bcrypt$x$y$z$w"} {
		if auth.CheckPassword(garbage, "correct horse battery") {
			t.Errorf("malformed hash %q accepted", garbage)
		}
	}
	if _, err := auth.HashPassword("short", auth.DefaultArgon2); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("short password: %v", err)
	}
}

func TestSecret(t *testing.T) {
	s1, h1 := auth.NewSecret("du_")
	s2, _ := auth.NewSecret("du_")
	if s1 == s2 || auth.HashSecret(s1) != h1 || len(s1) < 40 {
		t.Fatalf("secrets not random or hash mismatch: %q %q", s1, s2)
	}
}
