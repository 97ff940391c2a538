package reconcile

import (
	"encoding/json"
	"testing"

	"github.com/privatelink-go/sdk/privatelink"
)

// Any desired state read from JSON is either refused with problems, or
// every create it would send passes the operation's own Validate and
// every Key is a tag value the service accepts; validation never panics.
func FuzzValidateDesired(f *testing.F) {
	f.Add([]byte(`{"endpoints":[{"key":"t/1","vpc_id":"vpc-1","service_id":"epsrv-1","zones":[{"zone_id":"z","vswitch_id":"vsw-1"}],"security_group_ids":["sg-1"]}]}`))
	f.Add([]byte(`{"services":[{"key":"s","resource_type":"slb","resources":[{"resource_id":"lb-1"}],"allowed_principals":["1","*","acs:ram::1:root"]}],"endpoints":[{"key":"e","service_key":"s","vpc_id":"vpc-1","zones":[{"zone_id":"z","vswitch_id":"vsw-1","ip":"10.0.0.1"}],"security_group_ids":["sg-1"],"tags":{"a":"b"}}]}`))
	f.Add([]byte(`{"endpoints":[{"key":"aliyun","vpc_id":"","zones":[]},{"key":"aliyun"}]}`))
	client, err := privatelink.NewClient("cn-hangzhou", privatelink.WithEndpoint("http://127.0.0.1:1"), privatelink.WithStaticCredentials("id", "secret", ""))
	if err != nil {
		f.Fatal(err)
	}
	r, err := New(client, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Desired
		if json.Unmarshal(data, &d) != nil {
			return
		}
		problems := append(r.validateServices(d.Services), r.validateEndpoints(d.Endpoints, d.Services)...)
		if len(problems) > 0 {
			return
		}
		for i := range d.Endpoints {
			s := &d.Endpoints[i]
			req := r.createRequest(s)
			if s.ServiceKey != "" {
				req.ServiceID = "epsrv-servicekeyplaceholder0"
			}
			req.ClientToken = clientToken(r.opts.TagKey, ChangeCreate, s.Key, "", "", "", 0)
			if err := req.Validate(); err != nil {
				t.Fatalf("accepted spec %+v makes an invalid create: %v", *s, err)
			}
			if checkKey(s.Key) != "" {
				t.Fatalf("accepted Key %q", s.Key)
			}
		}
		for i := range d.Services {
			req := r.serviceCreateRequest(&d.Services[i])
			if err := req.Validate(); err != nil {
				t.Fatalf("accepted service spec makes an invalid create: %v", err)
			}
			for _, p := range d.Services[i].AllowedPrincipals {
				if _, ok := parsePrincipal(p); !ok {
					t.Fatalf("accepted principal %q", p)
				}
			}
		}
	})
}
