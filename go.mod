module zjtx

go 1.26.8
