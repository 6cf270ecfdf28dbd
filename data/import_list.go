package data

import (
	"context"
	"errors"
)

// ImportList is not written yet.
func (s *Store) ImportList(ctx context.Context, path string, progress ProgressFunc) (Report, error) {
	return Report{}, errors.New("not implemented yet")
}
