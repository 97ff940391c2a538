// Command reconcile makes PrivateLink endpoints and endpoint services match
// a JSON file, the way a platform's controller does: it plans, shows the
// plan, and applies it.
//
//	go run ./examples/reconcile -plan            # show what would change
//	go run ./examples/reconcile -apply           # converge, print a summary
//	go run ./examples/reconcile -apply -file my.json -prune
//
// The file is a reconcile.Desired in JSON: "services" (the provider's) and
// "endpoints" (the consumer's); desired.json beside this file is the
// sample, built in, used when -file is not given. By default it runs on the
// in-process emulator (privatelink/privatelinktest), whose world the sample
// names, with the provider's services reconciled by the provider's account
// and the endpoints by the consumer's. The sample's endpoints connect to the
// emulator's built-in auto-accepting service (ServiceID), not to the
// "orders-db" service the provider's part creates: a consumer names another
// account's service by ID or name, and service_key reaches only a service of
// the same file reconciled by the same account.
//
// With -live it runs against Alibaba Cloud, one account for both kinds, with
// credentials from the default chain (for example
// ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET):
//
//	go run ./examples/reconcile -live -region cn-hangzhou -file desired.json -plan
//
// Live endpoints are billed while they exist. The reconciler touches only
// resources carrying its ownership tag (-tag-key), and deletes only with
// -prune.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"strings"
	"time"

	"github.com/privatelink-go/sdk/privatelink"
	"github.com/privatelink-go/sdk/privatelink/privatelinktest"
	"github.com/privatelink-go/sdk/privatelink/reconcile"
)

//go:embed desired.json
var sample []byte

func main() {
	live := flag.Bool("live", false, "run against Alibaba Cloud instead of the embedded emulator")
	region := flag.String("region", "", "region ID (with -live)")
	file := flag.String("file", "", "desired state as JSON (default: the built-in sample, for the emulator)")
	planOnly := flag.Bool("plan", false, "print the plan and change nothing (the default)")
	apply := flag.Bool("apply", false, "apply until converged and print a summary")
	prune := flag.Bool("prune", false, "delete owned resources whose Key is no longer desired")
	tagKey := flag.String("tag-key", reconcile.DefaultTagKey, "key of the ownership tag")
	flag.Parse()
	if *planOnly && *apply {
		log.Fatal("give -plan or -apply, not both")
	}
	if flag.NArg() > 0 { // "apply" without its dash would otherwise only plan
		log.Fatalf("unexpected argument %q: the flags are -plan, -apply, -file, -prune, -tag-key, -live and -region", flag.Arg(0))
	}
	if *live {
		if err := missingLiveFlags(*file, *region); err != nil {
			log.Fatal(err)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Minute)
	defer cancel()

	desired, err := load(*file, *live)
	if err != nil {
		log.Fatal(err)
	}
	parties, cleanup, err := setup(*live, *region, reconcile.Options{TagKey: *tagKey, Prune: *prune})
	if err != nil {
		log.Fatal(err)
	}
	defer cleanup()
	if err := run(ctx, os.Stdout, parties, desired, *apply); err != nil {
		log.Fatal(err)
	}
}

// missingLiveFlags reports, in one error, every flag -live needs that is
// not set, so that one try shows all that is missing, as the quickstart
// does; it runs before any client is made.
func missingLiveFlags(file, region string) error {
	var missing []string
	if file == "" {
		missing = append(missing, "-file (the sample names the emulator's resources)")
	}
	if region == "" {
		missing = append(missing, "-region")
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("-live needs %s", strings.Join(missing, " and "))
}

// load reads the desired state: the file, or the sample on the emulator.
func load(file string, live bool) (reconcile.Desired, error) {
	var d reconcile.Desired
	data := sample
	if file != "" {
		var err error
		if data, err = os.ReadFile(file); err != nil {
			return d, err
		}
	} else if live {
		return d, errors.New("-live needs -file: the sample names the emulator's resources")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // a misspelt field is an error, not a silent default
	if err := dec.Decode(&d); err != nil {
		return d, fmt.Errorf("reading the desired state: %w", err)
	}
	return d, nil
}

// parties are the reconcilers: the provider's for services, the
// consumer's for endpoints (the same one against Alibaba Cloud).
type parties struct {
	provider, consumer *reconcile.Reconciler
}

func setup(live bool, region string, opts reconcile.Options) (parties, func(), error) {
	if live {
		if region == "" {
			return parties{}, nil, errors.New("-live needs -region")
		}
		client, err := privatelink.NewClient(region) // default credential chain
		if err != nil {
			return parties{}, nil, err
		}
		r, err := reconcile.New(client, opts)
		return parties{provider: r, consumer: r}, func() {}, err
	}
	srv := privatelinktest.NewServer(
		privatelinktest.WithCreationDelay(time.Second),
		privatelinktest.WithServiceDelay(time.Second),
		privatelinktest.WithZoneDelay(500*time.Millisecond),
	)
	fmt.Printf("emulator listening on %s (region %s)\n", srv.URL, privatelinktest.RegionID)
	// The emulator finishes in a second; poll every quarter second rather
	// than on the schedule tuned for the real service's minutes.
	opts.WaitOptions = []privatelink.WaitOption{privatelink.WaitMinDelay(250 * time.Millisecond), privatelink.WaitMaxDelay(500 * time.Millisecond)}
	provider, err := reconcile.New(srv.Client(privatelink.WithStaticCredentials(privatelinktest.ProviderAccessKeyID, privatelinktest.ProviderAccessKeySecret, "")), opts)
	if err != nil {
		srv.Close()
		return parties{}, nil, err
	}
	consumer, err := reconcile.New(srv.Client(), opts)
	if err != nil {
		srv.Close()
		return parties{}, nil, err
	}
	return parties{provider: provider, consumer: consumer}, srv.Close, nil
}

// run plans both parties' parts, prints the plans, and with apply
// reconciles them (the provider first, so services exist before the
// endpoints that use them) and prints a summary.
func run(ctx context.Context, out io.Writer, p parties, d reconcile.Desired, apply bool) error {
	parts := []struct {
		name string
		r    *reconcile.Reconciler
		d    reconcile.Desired
	}{
		{"provider", p.provider, reconcile.Desired{Services: d.Services}},
		{"consumer", p.consumer, reconcile.Desired{Endpoints: d.Endpoints}},
	}
	if p.provider == p.consumer {
		parts = parts[1:]
		parts[0].name, parts[0].d = "account", d
	}
	for _, part := range parts {
		plan, err := part.r.Plan(ctx, part.d)
		if err != nil {
			return fmt.Errorf("%s: %w", part.name, err) // every problem of the file, listed
		}
		fmt.Fprintf(out, "== %s plan (%s)\n%s", part.name, count(plan.Reads, "read"), plan)
		if !apply {
			continue
		}
		start := time.Now()
		sum, err := part.r.Reconcile(ctx, part.d)
		fmt.Fprintf(out, "== %s apply: %s, %s, %s\n", part.name, count(sum.Rounds, "round"), count(sum.Writes(), "write call"), time.Since(start).Round(time.Millisecond))
		for _, res := range sum.Results {
			for _, rr := range res.Resources {
				status := "ok"
				if rr.Err != nil {
					status = "FAILED: " + rr.Err.Error()
				}
				fmt.Fprintf(out, "   %s %-22q %-26s %-10s  %s\n", rr.Kind, rr.Key, rr.ID, count(rr.Done, "change"), status)
			}
		}
		if err != nil {
			return fmt.Errorf("%s: %w", part.name, err)
		}
		fmt.Fprintf(out, "   converged: a new plan has no changes\n")
	}
	return nil
}

// count says "1 read" or "2 reads".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
