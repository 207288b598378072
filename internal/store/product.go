package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dualuse/dualuse/internal/apperr"
	"github.com/dualuse/dualuse/internal/audit"
	"github.com/dualuse/dualuse/internal/controllist"
	"github.com/dualuse/dualuse/internal/product"
)

var _ product.Store = (*DB)(nil)

// encodeParameters stores technical parameters as a JSON object.
func encodeParameters(ps map[string]string) (string, error) {
	if len(ps) == 0 {
		return "{}", nil
	}
	b, err := json.Marshal(ps)
	return string(b), err
}

// CreateProduct inserts a product and its audit event, and fills in the
// owning organisation's name and country.
func (db *DB) CreateProduct(ctx context.Context, p *product.Product, ev audit.Event) error {
	params, err := encodeParameters(p.Parameters)
	if err != nil {
		return fmt.Errorf("store: encoding parameters: %w", err)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, `SELECT name, country FROM organisations WHERE id = ? AND kind = 'exporter'`, p.OrgID).Scan(&p.OrgName, &p.State); err != nil {
			return notFound(err, "exporter")
		}
		if _, err := tx.exec(ctx, `INSERT INTO products (id, org_id, name, description, parameters, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			p.ID, p.OrgID, p.Name, p.Description, params, p.Created, p.Updated); err != nil {
			return fmt.Errorf("store: creating product: %w", err)
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}

// UpdateProduct saves a product's name, description and parameters.
func (db *DB) UpdateProduct(ctx context.Context, p product.Product, ev audit.Event) error {
	params, err := encodeParameters(p.Parameters)
	if err != nil {
		return fmt.Errorf("store: encoding parameters: %w", err)
	}
	return db.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, `UPDATE products SET name = ?, description = ?, parameters = ?, updated_at = ? WHERE id = ?`,
			p.Name, p.Description, params, p.Updated, p.ID)
		if err != nil {
			return fmt.Errorf("store: updating product: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.New(apperr.NotFound, "product not found")
		}
		return tx.appendAudit(ctx, ev, 0)
	})
}

// productWhere narrows products p of organisations o by a filter; its
// arguments come from productArgs.
const productWhere = `(? = '' OR p.id = ?) AND (? = 0 OR p.org_id = ?) AND (? = '' OR o.country = ?)`

func productArgs(f product.Filter) []any {
	return []any{f.ID, f.ID, f.OrgID, f.OrgID, f.State, f.State}
}

// Products lists products, by name, each with its current classification.
func (db *DB) Products(ctx context.Context, f product.Filter) ([]product.Product, error) {
	rows, err := db.query(ctx, `SELECT p.id, p.org_id, o.name, o.country, p.name, p.description, p.parameters, p.created_at, p.updated_at
		FROM products p JOIN organisations o ON o.id = p.org_id
		WHERE `+productWhere+` ORDER BY p.name, p.id`, productArgs(f)...)
	if err != nil {
		return nil, fmt.Errorf("store: listing products: %w", err)
	}
	defer rows.Close()
	var out []product.Product
	index := map[string]int{}
	for rows.Next() {
		var p product.Product
		var params string
		if err := rows.Scan(&p.ID, &p.OrgID, &p.OrgName, &p.State, &p.Name, &p.Description, &params, &p.Created, &p.Updated); err != nil {
			return nil, fmt.Errorf("store: listing products: %w", err)
		}
		if err := json.Unmarshal([]byte(params), &p.Parameters); err != nil {
			return nil, fmt.Errorf("store: product %s parameters: %w", p.ID, err)
		}
		if len(p.Parameters) == 0 {
			p.Parameters = nil
		}
		p.Created, p.Updated = p.Created.UTC(), p.Updated.UTC()
		index[p.ID] = len(out)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	// The current classification of each: its newest row.
	current, err := db.classifications(ctx, `JOIN products p ON p.id = c.product_id JOIN organisations o ON o.id = p.org_id
		WHERE c.id = (SELECT MAX(c2.id) FROM classifications c2 WHERE c2.product_id = c.product_id) AND `+productWhere, productArgs(f)...)
	if err != nil {
		return nil, err
	}
	for _, pc := range current {
		if i, ok := index[pc.productID]; ok {
			c := pc.Classification
			out[i].Classification = &c
		}
	}
	return out, nil
}

// AddClassification records a classification and closes the given open
// tasks, each with its event, in one transaction.
func (db *DB) AddClassification(ctx context.Context, productID string, c controllist.Classification, ev audit.Event, closes []product.TaskClose) error {
	var a controllist.Art220Assessment
	if c.Assessment != nil {
		a = *c.Assessment
	}
	return db.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, `INSERT INTO classifications (product_id, code, list_version, rationale, classifier, classified_at, cyber_surveillance,
			specially_designed, specially_designed_reason, covert, covert_reason, natural_persons, natural_persons_reason, ict_data, ict_data_reason, assessor)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			productID, c.Code, c.ListVersion, c.Rationale, c.Classifier, c.ClassifiedAt, c.CyberSurveillance,
			a.SpeciallyDesigned, a.SpeciallyReason, a.Covert, a.CovertReason, a.NaturalPersons, a.NaturalPersonsReason, a.ICTData, a.ICTDataReason, a.Assessor); err != nil {
			return fmt.Errorf("store: recording classification: %w", err)
		}
		if err := tx.appendAudit(ctx, ev, 0); err != nil {
			return err
		}
		for _, tc := range closes {
			res, err := tx.exec(ctx, `UPDATE reclassification_tasks SET closed_at = ?, closed_by = ? WHERE id = ? AND product_id = ? AND closed_at IS NULL`,
				c.ClassifiedAt, c.Classifier, tc.TaskID, productID)
			if err != nil {
				return fmt.Errorf("store: closing task %d: %w", tc.TaskID, err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				continue // closed meanwhile
			}
			if err := tx.appendAudit(ctx, tc.Event, tc.TaskID); err != nil {
				return err
			}
		}
		return nil
	})
}

// Classifications returns a product's classifications, newest first.
func (db *DB) Classifications(ctx context.Context, productID string) ([]controllist.Classification, error) {
	pcs, err := db.classifications(ctx, `WHERE c.product_id = ?`, productID)
	if err != nil {
		return nil, err
	}
	out := make([]controllist.Classification, len(pcs))
	for i, pc := range pcs {
		out[len(pcs)-1-i] = pc.Classification
	}
	return out, nil
}

// productClassification is a stored classification and its product.
type productClassification struct {
	productID string
	controllist.Classification
}

// classifications reads classifications c, oldest first; rest joins and
// filters.
func (db *DB) classifications(ctx context.Context, rest string, args ...any) ([]productClassification, error) {
	rows, err := db.query(ctx, `SELECT c.product_id, c.code, c.list_version, c.rationale, c.classifier, c.classified_at, c.cyber_surveillance,
		c.specially_designed, c.specially_designed_reason, c.covert, c.covert_reason, c.natural_persons, c.natural_persons_reason, c.ict_data, c.ict_data_reason, c.assessor
		FROM classifications c `+rest+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: reading classifications: %w", err)
	}
	defer rows.Close()
	var out []productClassification
	for rows.Next() {
		var pc productClassification
		var a controllist.Art220Assessment
		c := &pc.Classification
		if err := rows.Scan(&pc.productID, &c.Code, &c.ListVersion, &c.Rationale, &c.Classifier, &c.ClassifiedAt, &c.CyberSurveillance,
			&a.SpeciallyDesigned, &a.SpeciallyReason, &a.Covert, &a.CovertReason, &a.NaturalPersons, &a.NaturalPersonsReason, &a.ICTData, &a.ICTDataReason, &a.Assessor); err != nil {
			return nil, fmt.Errorf("store: reading classifications: %w", err)
		}
		c.ClassifiedAt = c.ClassifiedAt.UTC()
		if a.Assessor != "" {
			c.Assessment = &a
		}
		out = append(out, pc)
	}
	return out, rows.Err()
}

// CreateTasks inserts re-classification tasks (their Created set by the
// caller), each with its event, in one transaction; a product's second task
// for the same new version is skipped.
func (db *DB) CreateTasks(ctx context.Context, tasks []*product.Task, evs []audit.Event) (int, error) {
	if len(tasks) != len(evs) {
		return 0, fmt.Errorf("store: %d tasks but %d audit events", len(tasks), len(evs))
	}
	created := 0
	err := db.inTx(ctx, func(tx *Tx) error {
		created = 0
		for i, t := range tasks {
			t.ID = 0
			err := tx.queryRow(ctx, `INSERT INTO reclassification_tasks (product_id, code, old_version, new_version, changed_code, reason, text_diff, created_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (product_id, new_version) DO NOTHING RETURNING id`,
				t.ProductID, t.Code, t.OldVersion, t.NewVersion, t.ChangedCode, t.Reason, t.TextDiff, t.Created).Scan(&t.ID)
			if errors.Is(err, sql.ErrNoRows) {
				continue
			} else if err != nil {
				return fmt.Errorf("store: creating task for %s: %w", t.ProductID, err)
			}
			if err := tx.appendAudit(ctx, evs[i], t.ID); err != nil {
				return err
			}
			created++
		}
		return nil
	})
	if err != nil {
		for _, t := range tasks {
			t.ID = 0
		}
		return 0, err
	}
	return created, nil
}

// Tasks lists re-classification tasks, oldest first.
func (db *DB) Tasks(ctx context.Context, f product.Filter) ([]product.Task, error) {
	open := 0
	if f.OpenOnly {
		open = 1
	}
	rows, err := db.query(ctx, `SELECT t.id, t.product_id, t.code, t.old_version, t.new_version, t.changed_code, t.reason, t.text_diff, t.created_at, t.closed_at, t.closed_by,
		p.name, p.org_id, o.country
		FROM reclassification_tasks t JOIN products p ON p.id = t.product_id JOIN organisations o ON o.id = p.org_id
		WHERE `+productWhere+` AND (? = 0 OR t.closed_at IS NULL) ORDER BY t.id`, append(productArgs(f), open)...)
	if err != nil {
		return nil, fmt.Errorf("store: listing tasks: %w", err)
	}
	defer rows.Close()
	var out []product.Task
	for rows.Next() {
		var t product.Task
		var closed sql.NullTime
		if err := rows.Scan(&t.ID, &t.ProductID, &t.Code, &t.OldVersion, &t.NewVersion, &t.ChangedCode, &t.Reason, &t.TextDiff, &t.Created, &closed, &t.ClosedBy,
			&t.ProductName, &t.OrgID, &t.State); err != nil {
			return nil, fmt.Errorf("store: listing tasks: %w", err)
		}
		t.Created = t.Created.UTC()
		if closed.Valid {
			c := closed.Time.UTC()
			t.Closed = &c
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
