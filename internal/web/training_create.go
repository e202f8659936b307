package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/programme"
)

// trainingFields are the schedule form's fields.
var trainingFields = []string{"level", "title", "topic", "date", "place", "university", "capacity"}

// trainingCreate schedules a session from the form (the city). The
// audience is the level's default as the plan words it; a refused form is
// shown again as typed with the problem.
func (w *Web) trainingCreate(rw http.ResponseWriter, r *http.Request) {
	form := map[string]string{}
	for _, f := range trainingFields {
		form[f] = formValue(r, f)
	}
	t := &programme.Training{Level: form["level"], Title: form["title"], Topic: form["topic"], Place: form["place"],
		University: form["university"]}
	var err error
	if t.Capacity, err = strconv.Atoi(form["capacity"]); err != nil {
		err = apperr.Errorf(apperr.EINVALID, "培训名额：“%s”不是整数 (capacity: an integer)", form["capacity"])
	}
	if err == nil {
		t.Date, err = parseDate(form["date"], "培训日期")
	}
	if err == nil {
		err = w.store.CreateTraining(r.Context(), t)
	}
	if err != nil {
		formFailed(w, rw, r, "training_list", err, func() (*trainingListView, error) { return w.trainingListPage(r, form) })
		return
	}
	redirect(rw, r, "/trainings/"+strconv.FormatInt(t.ID, 10)+"?saved=created")
}
