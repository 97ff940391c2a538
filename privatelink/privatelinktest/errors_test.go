package privatelinktest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWriteError(t *testing.T) {
	rec := httptest.NewRecorder()
	e := errorf("EndpointNotFound", msgEndpointNotFound)
	e.retryAfter = 3
	writeError(rec, "11111111-2222-4333-8444-555555555555", e)
	if rec.Code != http.StatusBadRequest || rec.Header().Get("Retry-After") != "3" {
		t.Fatalf("status %d Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
	var got map[string]string
	if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"RequestId": "11111111-2222-4333-8444-555555555555",
		"HostId":    "privatelink.cn-huhehaote.aliyuncs.com",
		"Code":      "EndpointNotFound",
		"Message":   "The specified Endpoint does not exist.",
		"Recommend": "https://api.aliyun.com/troubleshoot?q=EndpointNotFound&product=Privatelink&requestId=11111111-2222-4333-8444-555555555555",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("extra members: %v", got)
	}
}

func TestErrorConstructors(t *testing.T) {
	for _, tt := range []struct {
		e             *apiError
		status        int
		code, message string
	}{
		{errMissing("VpcId"), 400, "MissingParameter", `The input parameter "VpcId" that is mandatory for processing this request is not supplied.`},
		{errMissingCommon("Timestamp"), 400, "MissingTimestamp", "Timestamp is mandatory for this action."},
		{errInvalid("DryRun", ""), 400, "InvalidParameter", `The specified parameter "DryRun" is not valid.`},
		{errInvalid("DryRun", "must be true or false"), 400, "InvalidParameter", `The specified parameter "DryRun" is not valid: must be true or false.`},
		{errQuota("totalEpPerVpc", 3, 3), 400, "QuotaExceeded.totalEpPerVpc", "The quota of totalEpPerVpc is exceeded, usage 3/3."},
		{errDryRun(), 400, "DryRunOperation", "Request validation has been passed with DryRun flag set."},
		{errInternal(), 500, "InternalError", "The request processing has failed due to some unknown error, exception or failure."},
		{errServiceUnavailable(), 503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server."},
		{errThrottlingUser(), 400, "Throttling.User", "Request was denied due to user flow control."},
		{errThrottling(), 503, "Throttling", "Request was denied due to request throttling."},
	} {
		if tt.e.status != tt.status || tt.e.code != tt.code || tt.e.message != tt.message {
			t.Errorf("got %d %s %q, want %d %s %q", tt.e.status, tt.e.code, tt.e.message, tt.status, tt.code, tt.message)
		}
		if tt.e.Error() != tt.code+": "+tt.message || tt.e.injected() {
			t.Errorf("Error() %q injected %v", tt.e.Error(), tt.e.injected())
		}
	}
}
