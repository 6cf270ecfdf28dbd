package data

import (
	"context"
	"errors"
)

// ImportAddresses is not written yet.
func (s *Store) ImportAddresses(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	return Report{}, errors.New("not implemented yet")
}
