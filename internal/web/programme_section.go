package web

import (
	"net/http"

	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// programmeSection is the enterprise page's part on the programmes: the
// trainings it signed up for and attended, its 创客中国 entries and
// results, and the expos and events it took part in.
type programmeSection struct {
	Signups []*programme.Signup
	Entries []*programme.Entry
	Events  []*programme.Participant
}

// Empty reports whether the enterprise took part in nothing yet.
func (s *programmeSection) Empty() bool {
	return len(s.Signups)+len(s.Entries)+len(s.Events) == 0
}

func (w *Web) programmeSectionOf(r *http.Request, id int64) (*programmeSection, error) {
	ctx := r.Context()
	s := &programmeSection{}
	var err error
	if s.Signups, err = w.store.EnterpriseSignups(ctx, id); err != nil {
		return nil, err
	}
	if s.Entries, err = w.store.ListEntries(ctx, sqlstore.EntryFilter{EnterpriseID: id}); err != nil {
		return nil, err
	}
	if s.Events, err = w.store.ListParticipants(ctx, sqlstore.ParticipantFilter{EnterpriseID: id}); err != nil {
		return nil, err
	}
	return s, nil
}
