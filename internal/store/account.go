package store

import (
	"context"
	"fmt"
	"time"

	"github.com/dualuse/dualuse/internal/account"
	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/auth"
)

var _ account.Store = (*DB)(nil)

// CreateOrg inserts an organisation and its audit event.
func (db *DB) CreateOrg(ctx context.Context, o *account.Organisation, ev audit.Event) error {
	return db.inTx(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO organisations (kind, name, country, created_at) VALUES (?, ?, ?, ?) RETURNING id`,
			o.Kind, o.Name, o.Country, o.Created).Scan(&o.ID)
		if isUniqueViolation(err) {
			return apperr.Field(apperr.Conflict, "name", "an organisation named %q (or this state's authority) exists already", o.Name)
		} else if err != nil {
			return fmt.Errorf("store: creating organisation: %w", err)
		}
		ev.OrgID = o.ID
		return tx.appendAudit(ctx, ev, o.ID)
	})
}

const orgColumns = `o.id, o.kind, o.name, o.country, o.created_at`

func scanOrg(sc interface{ Scan(...any) error }, o *account.Organisation, more ...any) error {
	err := sc.Scan(append([]any{&o.ID, &o.Kind, &o.Name, &o.Country, &o.Created}, more...)...)
	o.Created = o.Created.UTC()
	return err
}

// Org returns one organisation.
func (db *DB) Org(ctx context.Context, id int64) (account.Organisation, error) {
	var o account.Organisation
	err := scanOrg(db.queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = ?`, id), &o)
	return o, notFound(err, "organisation")
}

// OrgByName returns the organisation with this exact name.
func (db *DB) OrgByName(ctx context.Context, name string) (account.Organisation, error) {
	var o account.Organisation
	err := scanOrg(db.queryRow(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.name = ?`, name), &o)
	return o, notFound(err, "organisation")
}

// Orgs lists organisations, by kind then name.
func (db *DB) Orgs(ctx context.Context, f account.OrgFilter) ([]account.Organisation, error) {
	rows, err := db.query(ctx, `SELECT `+orgColumns+` FROM organisations o
		WHERE (? = 0 OR o.id = ?) AND (? = '' OR o.country = ?) AND (? = '' OR o.kind = ?)
		ORDER BY o.kind, o.name`, f.ID, f.ID, f.Country, f.Country, string(f.Kind), string(f.Kind))
	if err != nil {
		return nil, fmt.Errorf("store: listing organisations: %w", err)
	}
	defer rows.Close()
	var out []account.Organisation
	for rows.Next() {
		var o account.Organisation
		if err := scanOrg(rows, &o); err != nil {
			return nil, fmt.Errorf("store: listing organisations: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// CreateUser inserts a user and its audit event.
func (db *DB) CreateUser(ctx context.Context, u *account.User, ev audit.Event) error {
	return db.inTx(ctx, func(tx *Tx) error {
		err := tx.queryRow(ctx, `INSERT INTO users (email, role, org_id, password_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id`,
			u.Email, u.Role, u.Org.ID, u.PasswordHash, u.Created).Scan(&u.ID)
		if isUniqueViolation(err) {
			return apperr.Field(apperr.Conflict, "email", "a user with e-mail %s exists already", u.Email)
		} else if err != nil {
			return fmt.Errorf("store: creating user: %w", err)
		}
		return tx.appendAudit(ctx, ev, u.ID)
	})
}

const userQuery = `SELECT u.id, u.email, u.role, u.password_hash, u.created_at, ` + orgColumns + `
	FROM users u JOIN organisations o ON o.id = u.org_id`

func scanUser(sc interface{ Scan(...any) error }) (account.User, error) {
	var u account.User
	var role string
	err := sc.Scan(&u.ID, &u.Email, &role, &u.PasswordHash, &u.Created, &u.Org.ID, &u.Org.Kind, &u.Org.Name, &u.Org.Country, &u.Org.Created)
	u.Role = auth.Role(role)
	u.Created, u.Org.Created = u.Created.UTC(), u.Org.Created.UTC()
	return u, err
}

// UserByEmail returns the user with this e-mail address.
func (db *DB) UserByEmail(ctx context.Context, email string) (account.User, error) {
	u, err := scanUser(db.queryRow(ctx, userQuery+` WHERE u.email = ?`, email))
	return u, notFound(err, "user")
}

// Users lists the users of one organisation, or of all when orgID is 0.
func (db *DB) Users(ctx context.Context, orgID int64) ([]account.User, error) {
	rows, err := db.query(ctx, userQuery+` WHERE (? = 0 OR u.org_id = ?) ORDER BY u.email`, orgID, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: listing users: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: listing users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CreateCredential stores a session or token hash.
func (db *DB) CreateCredential(ctx context.Context, c account.Credential, ev audit.Event) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `INSERT INTO credentials (hash, kind, user_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			c.Hash, c.Kind, c.UserID, c.Created, c.Expires); err != nil {
			return fmt.Errorf("store: creating %s: %w", c.Kind, err)
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}

// UserByCredential returns the holder of an unexpired credential.
func (db *DB) UserByCredential(ctx context.Context, kind, hash string, now time.Time) (account.User, error) {
	u, err := scanUser(db.queryRow(ctx, userQuery+` JOIN credentials c ON c.user_id = u.id WHERE c.hash = ? AND c.kind = ? AND c.expires_at > ?`, hash, kind, now))
	return u, notFound(err, kind)
}

// DeleteCredential removes a session or token.
func (db *DB) DeleteCredential(ctx context.Context, kind, hash string, ev audit.Event) error {
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `DELETE FROM credentials WHERE hash = ? AND kind = ?`, hash, kind)
		if err != nil {
			return fmt.Errorf("store: deleting %s: %w", kind, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "%s not found", kind)
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}

// RecordSignInFailure counts one failed sign-in against each key.
func (db *DB) RecordSignInFailure(ctx context.Context, keys []string, at time.Time) error {
	return db.inTx(ctx, func(tx *Tx) error {
		// Old failures no longer count: drop them while here.
		if _, err := tx.exec(ctx, `DELETE FROM signin_failures WHERE at < ?`, at.Add(-24*time.Hour)); err != nil {
			return fmt.Errorf("store: pruning sign-in failures: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.exec(ctx, `INSERT INTO signin_failures (key, at) VALUES (?, ?)`, k, at.UTC()); err != nil {
				return fmt.Errorf("store: recording sign-in failure: %w", err)
			}
		}
		return nil
	})
}

// SignInFailures counts the failures against key since a time.
func (db *DB) SignInFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT COUNT(*) FROM signin_failures WHERE key = ? AND at >= ?`, key, since.UTC()).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: counting sign-in failures: %w", err)
	}
	return n, nil
}

// ClearSignInFailures forgets the failures against key.
func (db *DB) ClearSignInFailures(ctx context.Context, key string) error {
	return db.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, `DELETE FROM signin_failures WHERE key = ?`, key)
		return err
	})
}

// Setting returns a stored setting, "" when unset.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if err = notFound(err, "setting"); apperr.Is(err, apperr.NotFound) {
		return "", nil
	}
	return v, err
}

// SetSetting stores a setting, with its audit event.
func (db *DB) SetSetting(ctx context.Context, key, value string, ev audit.Event) error {
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value); err != nil {
			return fmt.Errorf("store: saving setting %s: %w", key, err)
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}
