package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
	"github.com/dualuse/dualuse/internal/listversion"
	"github.com/dualuse/dualuse/internal/server"
)

func (w *Web) home(rw http.ResponseWriter, r *http.Request) error {
	w.Render(rw, r, http.StatusOK, "home", View{Title: "dualuse"})
	return nil
}

// safeNext keeps redirects after sign-in on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.Contains(next, `\`) {
		return "/account"
	}
	return next
}

func (w *Web) signinForm(rw http.ResponseWriter, r *http.Request) error {
	w.Render(rw, r, http.StatusOK, "signin", View{Title: "Sign in", Data: map[string]string{"Next": safeNext(r.URL.Query().Get("next"))}})
	return nil
}

func (w *Web) signin(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return apperr.New(apperr.Invalid, "the form could not be read")
	}
	email, next := r.PostForm.Get("email"), safeNext(r.PostForm.Get("next"))
	u, err := w.Accounts.SignIn(r.Context(), email, r.PostForm.Get("password"), server.ClientAddr(r))
	if err != nil {
		if k := apperr.KindOf(err); k == apperr.Unauthenticated || k == apperr.TooManyRequests {
			msg, _ := apperr.Safe(err)
			status := http.StatusUnauthorized
			if k == apperr.TooManyRequests {
				status = http.StatusTooManyRequests
			}
			w.Render(rw, r, status, "signin", View{Title: "Sign in", Error: msg, Data: map[string]string{"Next": next, "Email": email}})
			return nil
		}
		return err
	}
	secret, err := w.Accounts.IssueCredential(r.Context(), u, "session")
	if err != nil {
		return err
	}
	http.SetCookie(rw, w.SessionCookie(r, secret))
	http.Redirect(rw, r, next, http.StatusSeeOther)
	return nil
}

func (w *Web) signout(rw http.ResponseWriter, r *http.Request) error {
	// The middleware signed the caller in from this cookie, if it is valid.
	if c, err := r.Cookie(server.SessionCookie); err == nil {
		if p := auth.FromContext(r.Context()); p.Authenticated() {
			if err := w.Accounts.Revoke(r.Context(), p, "session", c.Value); err != nil {
				return err
			}
		}
	}
	http.SetCookie(rw, &http.Cookie{Name: server.SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	http.Redirect(rw, r, "/", http.StatusSeeOther)
	return nil
}

func (w *Web) accountPage(rw http.ResponseWriter, r *http.Request) error {
	p := auth.FromContext(r.Context())
	if err := auth.Authorize(p, auth.ReadSelf, auth.Resource{OrgID: p.OrgID}); err != nil {
		return err
	}
	org, err := w.Accounts.Org(r.Context(), p, p.OrgID)
	if err != nil {
		return err
	}
	w.Render(rw, r, http.StatusOK, "account", View{Title: "Your account", Data: org})
	return nil
}

func (w *Web) orgList(rw http.ResponseWriter, r *http.Request) error {
	orgs, err := w.Accounts.Orgs(r.Context(), auth.FromContext(r.Context()))
	if err != nil {
		return err
	}
	w.Render(rw, r, http.StatusOK, "organisations", View{Title: "Organisations", Data: orgs})
	return nil
}

type orgView struct {
	Org        account.Organisation
	History    []audit.Event
	SeeHistory bool
	Hits       []listversion.Hit
	SeeHits    bool
}

func (w *Web) orgPage(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return apperr.New(apperr.NotFound, "not found")
	}
	p := auth.FromContext(r.Context())
	o, err := w.Accounts.Org(r.Context(), p, id)
	if err != nil {
		return err
	}
	v := orgView{Org: o}
	if auth.Authorize(p, auth.ReadAudit, o.Resource()) == nil {
		if v.History, err = w.Accounts.OrgHistory(r.Context(), p, id); err != nil {
			return err
		}
		v.SeeHistory = true
	}
	if auth.Authorize(p, auth.ReadHits, o.Resource()) == nil {
		if v.Hits, err = w.Lists.Hits(r.Context(), p, []account.Organisation{o}); err != nil {
			return err
		}
		v.SeeHits = true
	}
	w.Render(rw, r, http.StatusOK, "organisation", View{Title: o.Name, Data: v})
	return nil
}
