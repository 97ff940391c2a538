package main

import (
	"bufio"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/signer"
)

// procStatus reads one kB field (VmHWM, VmRSS) of /proc/<pid>/status.
func procStatus(t *testing.T, pid int, field string) int {
	t.Helper()
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	require.NoError(t, err)
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), field+":"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			require.NoError(t, err)
			return n
		}
	}
	t.Fatalf("no %s in /proc/%d/status", field, pid)
	return 0
}

// unauthenticated is the prefix of an unsigned V1 request that gets as far
// as signature verification: everything but a valid signature, with the
// emulator's public key ID.
func unauthenticated() string {
	return signer.CanonicalQuery([]signer.Param{
		{Key: "Action", Value: "DescribeRegions"},
		{Key: "Version", Value: "2020-04-15"},
		{Key: "AccessKeyId", Value: privatelinktest.AccessKeyID},
		{Key: "SignatureMethod", Value: "HMAC-SHA1"},
		{Key: "SignatureVersion", Value: "1.0"},
		{Key: "SignatureNonce", Value: nonce()},
		{Key: "Timestamp", Value: time.Now().UTC().Format(signer.TimestampFormatV1)},
		{Key: "Signature", Value: "bm90LWEtc2lnbmF0dXJl"},
	})
}

// TestAbusePeakRSS is the recorded run behind BENCHMARKS.md's figure for
// the review's "one unauthenticated request costs about 90 MB": 32
// concurrent requests, each a query string and a form body of "x&x&..." as
// large as the server reads, with nothing but the public key ID, against
// the command in a subprocess; it reports the process's peak RSS (VmHWM).
// PRIVATELINK_EMULATOR_ABUSE=QUERYBYTES,BODYBYTES[,PAIRBYTES] runs it (the
// sizes of the query string and body, and of each parameter, "x=vvv...",
// 1 for a bare "x"); PRIVATELINK_EMULATOR_ARGS adds flags. It is skipped
// otherwise, as it measures rather than checks.
func TestAbusePeakRSS(t *testing.T) {
	spec := os.Getenv("PRIVATELINK_EMULATOR_ABUSE")
	if spec == "" {
		t.Skip("a measurement: set PRIVATELINK_EMULATOR_ABUSE=QUERYBYTES,BODYBYTES")
	}
	fields := strings.Split(spec+",1", ",")
	queryBytes, err := strconv.Atoi(fields[0])
	require.NoError(t, err)
	bodyBytes, err := strconv.Atoi(fields[1])
	require.NoError(t, err)
	pairBytes, err := strconv.Atoi(fields[2])
	require.NoError(t, err)
	// Each parameter is "x=vvv...": pairBytes bytes and its "&".
	pair := "x"
	if pairBytes > 1 {
		pair = "x=" + strings.Repeat("v", pairBytes-2)
	}
	args := strings.Fields(os.Getenv("PRIVATELINK_EMULATOR_ARGS"))
	e := start(t, args...)
	pid := e.cmd.Process.Pid
	t.Logf("idle: VmHWM %d kB, VmRSS %d kB", procStatus(t, pid, "VmHWM"), procStatus(t, pid, "VmRSS"))

	prefix := unauthenticated()
	query := prefix + strings.Repeat("&"+pair, max(0, queryBytes-len(prefix))/(len(pair)+1))
	body := strings.Repeat(pair+"&", bodyBytes/(len(pair)+1))
	const clients = 32
	hc := &http.Client{Timeout: 5 * time.Minute}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		statuses = map[string]int{}
		maxBody  int
	)
	start := make(chan struct{})
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, err := http.NewRequest(http.MethodPost, e.url+"/?"+query, strings.NewReader(body))
			if err != nil {
				panic(err)
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			resp, err := hc.Do(req)
			key := ""
			n := 0
			if err != nil {
				// Not the error's text: it quotes the megabyte URL.
				key = "transport error"
			} else {
				b, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				n = len(b)
				key = strconv.Itoa(resp.StatusCode)
			}
			mu.Lock()
			statuses[key]++
			maxBody = max(maxBody, n)
			mu.Unlock()
		}()
	}
	began := time.Now()
	close(start)
	wg.Wait()
	t.Logf("%d requests of %d query + %d body bytes in %v: answers %v, largest answer %d bytes",
		clients, len(query), len(body), time.Since(began).Round(time.Millisecond), statuses, maxBody)
	t.Logf("after: VmHWM %d kB, VmRSS %d kB", procStatus(t, pid, "VmHWM"), procStatus(t, pid, "VmRSS"))
}
