package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"
)

type health struct {
	Status  string `json:"status"`
	Service string `json:"service"`
}

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	http.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(health{Status: "ok", Service: "payments-api"})
	})
	log.Printf("payments-api listening on :%s", port)
	log.Fatal(http.ListenAndServe(":"+port, nil))
}
