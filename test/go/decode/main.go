// encoding/json decoding into structs shaped like Hanko's import format (backend/cmd/user/format.go),
// for the differential tests of source/core/go/json-decode.ts
// (test/core/go/json-decode-differential.test.ts). Standard library only: the structs below are our
// own mirror of Hanko's, with the same field types and json names, except that `aaguid` is a plain
// string here (gofrs' uuid.UUID is a byte array with UnmarshalText, which treats null, strings and
// other JSON types as a string field does; its parsing is tested elsewhere).
//
//	decode entries  one base64 line (a record's bytes) in; one JSON line out:
//	                {"error":"syntax"|"other","message":"…"} or {"value":<the entry, see plain>}
//	decode fields   one JSON string line (an object key) in; one line out: the json name of the field
//	                of allFields that {"<key>":1} fills, or "-" for none
package main

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strconv"
	"strings"
	"time"
)

type ImportOrExportEmail struct {
	Address    string `json:"address"`
	IsPrimary  bool   `json:"is_primary"`
	IsVerified bool   `json:"is_verified"`
}

type Emails []ImportOrExportEmail

type ImportWebauthnCredential struct {
	ID              string     `json:"id"`
	Name            *string    `json:"name"`
	PublicKey       string     `json:"public_key"`
	AttestationType string     `json:"attestation_type"`
	AAGUID          string     `json:"aaguid"`
	SignCount       int        `json:"sign_count"`
	LastUsedAt      *time.Time `json:"last_used_at"`
	CreatedAt       *time.Time `json:"created_at"`
	UpdatedAt       *time.Time `json:"updated_at"`
	Transports      []string   `json:"transports"`
	BackupEligible  bool       `json:"backup_eligible"`
	BackupState     bool       `json:"backup_state"`
	MFAOnly         bool       `json:"mfa_only"`
	UserHandle      *string    `json:"user_handle"`
}

type ImportWebauthnCredentials []ImportWebauthnCredential

type ImportPasswordCredential struct {
	Password  string     `json:"password"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

type ImportOTPSecret struct {
	Secret    string     `json:"secret"`
	CreatedAt *time.Time `json:"created_at,omitempty"`
	UpdatedAt *time.Time `json:"updated_at,omitempty"`
}

type ImportOrExportEntry struct {
	UserID              string                    `json:"user_id,omitempty"`
	Emails              Emails                    `json:"emails"`
	Username            *string                   `json:"username,omitempty"`
	WebauthnCredentials ImportWebauthnCredentials `json:"webauthn_credentials,omitempty"`
	Password            *ImportPasswordCredential `json:"password,omitempty"`
	OTPSecret           *ImportOTPSecret          `json:"otp_secret,omitempty"`
	CreatedAt           *time.Time                `json:"created_at,omitempty"`
	UpdatedAt           *time.Time                `json:"updated_at,omitempty"`
}

// allFields has one int field for each json name used in the structs above, to see which one a key fills.
type allFields struct {
	UserID              int `json:"user_id"`
	Emails              int `json:"emails"`
	Username            int `json:"username"`
	WebauthnCredentials int `json:"webauthn_credentials"`
	Password            int `json:"password"`
	OTPSecret           int `json:"otp_secret"`
	CreatedAt           int `json:"created_at"`
	UpdatedAt           int `json:"updated_at"`
	Address             int `json:"address"`
	IsPrimary           int `json:"is_primary"`
	IsVerified          int `json:"is_verified"`
	ID                  int `json:"id"`
	Name                int `json:"name"`
	PublicKey           int `json:"public_key"`
	AttestationType     int `json:"attestation_type"`
	AAGUID              int `json:"aaguid"`
	SignCount           int `json:"sign_count"`
	LastUsedAt          int `json:"last_used_at"`
	Transports          int `json:"transports"`
	BackupEligible      int `json:"backup_eligible"`
	BackupState         int `json:"backup_state"`
	MFAOnly             int `json:"mfa_only"`
	UserHandle          int `json:"user_handle"`
	Secret              int `json:"secret"`
}

var timeType = reflect.TypeOf(time.Time{})

// plain turns a decoded value into JSON-friendly data that keeps what matters: structs become objects
// keyed by json name, nil pointers and slices null, ints decimal strings, times
// {"s": unix seconds (string), "n": nanoseconds, "o": zone offset, "z": written with Z, "y": year}.
func plain(v reflect.Value) interface{} {
	switch v.Kind() {
	case reflect.Ptr, reflect.Slice:
		if v.IsNil() {
			return nil
		}
	}
	switch v.Kind() {
	case reflect.Ptr:
		if v.Type().Elem() == timeType {
			t := v.Interface().(*time.Time)
			_, offset := t.Zone()
			return map[string]interface{}{"s": strconv.FormatInt(t.Unix(), 10), "n": t.Nanosecond(), "o": offset, "z": t.Location() == time.UTC, "y": t.Year()}
		}
		return plain(v.Elem())
	case reflect.Slice:
		list := make([]interface{}, v.Len())
		for i := range list {
			list[i] = plain(v.Index(i))
		}
		return list
	case reflect.Struct:
		object := map[string]interface{}{}
		for i := 0; i < v.NumField(); i++ {
			name := strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0]
			object[name] = plain(v.Field(i))
		}
		return object
	case reflect.Int:
		return strconv.FormatInt(v.Int(), 10)
	case reflect.String:
		return v.String()
	case reflect.Bool:
		return v.Bool()
	}
	panic("unexpected kind " + v.Kind().String())
}

func entries(in *bufio.Scanner, out *bufio.Writer) {
	for in.Scan() {
		record, err := base64.StdEncoding.DecodeString(in.Text())
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		var entry ImportOrExportEntry
		var result interface{}
		if err := json.Unmarshal(record, &entry); err != nil {
			kind := "other"
			var syntax *json.SyntaxError
			if errors.As(err, &syntax) {
				kind = "syntax"
			}
			result = map[string]string{"error": kind, "message": err.Error()}
		} else {
			result = map[string]interface{}{"value": plain(reflect.ValueOf(entry))}
		}
		line, err := json.Marshal(result)
		if err != nil {
			panic(err)
		}
		out.Write(line)
		out.WriteByte('\n')
	}
}

func fields(in *bufio.Scanner, out *bufio.Writer) {
	for in.Scan() {
		var target allFields
		if err := json.Unmarshal([]byte("{"+in.Text()+":1}"), &target); err != nil {
			fmt.Fprintln(os.Stderr, "bad input line:", err)
			os.Exit(2)
		}
		filled := "-"
		v := reflect.ValueOf(target)
		for i := 0; i < v.NumField(); i++ {
			if v.Field(i).Int() != 0 {
				filled = v.Type().Field(i).Tag.Get("json")
			}
		}
		fmt.Fprintln(out, filled)
	}
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<28)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	defer out.Flush()
	switch os.Args[1] {
	case "entries":
		entries(in, out)
	case "fields":
		fields(in, out)
	default:
		fmt.Fprintln(os.Stderr, "usage: decode entries|fields")
		os.Exit(2)
	}
	if err := in.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "reading input:", err)
		os.Exit(2)
	}
}
