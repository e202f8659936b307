package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestServeLLMFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"not a URL", []string{"--llm-url", "ftp://10.0.0.5/v1", "--embed-model", "bge-m3"}, "--llm-url"},
		{"no embedding model", []string{"--llm-url", "http://127.0.0.1:8000/v1"}, "--embed-model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			if code := cmdServe(append(tt.args, "--data", t.TempDir()), &stderr); code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not name %s", stderr.String(), tt.want)
			}
		})
	}
}
