package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
)

// trainingDoorView is the page shown on a screen at the door.
type trainingDoorView struct {
	programmeBase
	T         *programme.Training
	LevelName string
}

// trainingDoor shows the session's check-in code and its QR code, large,
// for the screen at the door (officials: the code is the door's key).
func (w *Web) trainingDoor(rw http.ResponseWriter, r *http.Request) {
	t, err := w.pathTraining(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "training_door", &trainingDoorView{
		programmeBase: w.programmeBase(r, "签到："+t.Title, "trainings"), T: t, LevelName: programme.LevelZH[t.Level]})
}
