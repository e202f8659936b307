// Command gendict writes the trimmed Chinese dictionary that package match
// embeds (dict/zh_dict.txt, written by make assets): the words of gse's simplified-Chinese
// dictionary (data/dict/zh/s_1.txt, itself from jieba) whose frequency is at
// least -min. The full dictionary is 5.1 MB and 352,000 words; at -min 20 it
// keeps 82,000 words in 1.1 MB, which segments industrial service text as
// well (see "Matching: lexical and large model" in the README), loads four
// times faster and holds a quarter of the memory. The domain words in
// data/domain.txt are loaded on top.
//
//	go run ./internal/match/gendict -min 20 > internal/match/dict/zh_dict.txt
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	minFreq := flag.Int("min", 20, "keep words at least this frequent")
	flag.Parse()
	if err := run(*minFreq); err != nil {
		fmt.Fprintln(os.Stderr, "gendict:", err)
		os.Exit(1)
	}
}

func run(minFreq int) error {
	path, err := FullDict()
	if err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(os.Stdout)
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil || n < minFreq {
			continue
		}
		fmt.Fprintf(w, "%s %s\n", fields[0], fields[1])
	}
	if err := sc.Err(); err != nil {
		return err
	}
	return w.Flush()
}

// FullDict is the path of gse's full simplified-Chinese dictionary in the
// module cache (the version go.mod pins).
func FullDict() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-ego/gse").Output()
	if err != nil {
		return "", fmt.Errorf("locate gse: %w", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)), "data", "dict", "zh", "s_1.txt"), nil
}
