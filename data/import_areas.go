package data

import (
	"context"
	"errors"
)

// ImportAreas is not written yet.
func (s *Store) ImportAreas(ctx context.Context, path string, opt AreaOptions, progress ProgressFunc) (Report, error) {
	return Report{}, errors.New("not implemented yet")
}
