package privatelinktest

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/privatelink-go/sdk/signer"
)

// teaRPCPost sends action the way Terraform's alicloud provider does
// (v1.240.0, connectivity.AliyunClient.RpcPost, which calls
// github.com/alibabacloud-go/tea-rpc's DoRequest): the common parameters
// in the query, with Format "json" in lower case, every business
// parameter in a url.Values-encoded form body, and a V1 signature over
// both.
func (c *client) teaRPCPost(action string, body map[string]string) answer {
	c.t.Helper()
	common := kv(
		"Action", action,
		"Format", "json",
		"Timestamp", time.Now().UTC().Format(signer.TimestampFormatV1),
		"Version", apiVersion,
		"SignatureNonce", freshNonce(),
		"SignatureMethod", "HMAC-SHA1",
		"SignatureVersion", "1.0",
		"AccessKeyId", c.keyID,
	)
	signed := slices.Clone(common)
	form := url.Values{}
	for k, v := range body {
		signed = append(signed, signer.Param{Key: k, Value: v})
		form.Set(k, v)
	}
	sig := signer.SignV1(http.MethodPost, signed, c.secret)
	query := url.Values{}
	for _, p := range common {
		query.Set(p.Key, p.Value)
	}
	query.Set("Signature", sig.Signature)
	req, err := http.NewRequest(http.MethodPost, c.srv.URL+"/?"+query.Encode(), strings.NewReader(form.Encode()))
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("content-type", "application/x-www-form-urlencoded")
	req.Header.Set("x-acs-version", apiVersion)
	req.Header.Set("x-acs-action", action)
	a, err := c.send(req)
	if err != nil {
		c.t.Fatalf("%s: %v", action, err)
	}
	return a
}

// terraformToken is buildClientToken of the provider: TF-<action>-<unix
// time>-<uuid>, cut to 64 characters.
func terraformToken(action string) string {
	t := fmt.Sprintf("TF-%s-%d-%s", action, time.Now().Unix(), "8a0c4e6f-2b1d-4c3e-9f5a-7d6b8e0f1a2c")
	return t[:min(len(t), 64)]
}

// TestTerraformTagRequests replays the tag requests of Terraform's alicloud
// provider v1.240.0 (alicloud/service_alicloud_private_link_v2.go:
// SetResourceTags, DescribeVpcEndpointListTagResources and
// DescribeVpcEndpointServiceListTagResources), parameter for parameter,
// including ResourceType VpcEndpoint and VpcEndpointService in camel case,
// which the live service accepts and the documentation spells in lower
// case. Every call must succeed, as it does on the service.
func TestTerraformTagRequests(t *testing.T) {
	srv := newTestServer(t)
	consumer := newClient(t, srv)
	provider := consumer.as(ProviderAccessKeyID, ProviderAccessKeySecret, "")

	// resourceAliCloudPrivateLinkVpcEndpointCreate: tags go into the
	// create call as Tag.N, security groups as a flattened list.
	created := consumer.teaRPCPost("CreateVpcEndpoint", map[string]string{
		"RegionId": RegionID, "ClientToken": terraformToken("CreateVpcEndpoint"),
		"Tag.1.Key": "Created", "Tag.1.Value": "TF",
		"SecurityGroupId.1": SecurityGroupID, "VpcId": VpcID, "ServiceId": ServiceID,
		"EndpointName": "tf-test", "ZonePrivateIpAddressCount": "1",
	})
	if created.status != http.StatusOK {
		t.Fatalf("CreateVpcEndpoint: %v", created)
	}
	endpointID := created.str("EndpointId")

	svc := provider.teaRPCPost("CreateVpcEndpointService", map[string]string{
		"RegionId": RegionID, "ClientToken": terraformToken("CreateVpcEndpointService"),
		"ServiceResourceType": ResourceTypeSLB, "AutoAcceptEnabled": "false",
	})
	if svc.status != http.StatusOK {
		t.Fatalf("CreateVpcEndpointService: %v", svc)
	}
	serviceID := svc.str("ServiceId")

	for _, tt := range []struct {
		name, resourceType, id string
		c                      *client
	}{
		{"endpoint", "VpcEndpoint", endpointID, consumer},
		{"service", "VpcEndpointService", serviceID, provider},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.t = t
			must := func(action string, body map[string]string) answer {
				t.Helper()
				body["ResourceId.1"] = tt.id
				body["RegionId"] = RegionID
				body["ClientToken"] = terraformToken(action)
				body["ResourceType"] = tt.resourceType
				a := c.teaRPCPost(action, body)
				if a.status != http.StatusOK {
					t.Fatalf("%s with ResourceType=%s: %v", action, tt.resourceType, a)
				}
				return a
			}
			tags := func() map[string]string {
				t.Helper()
				out := map[string]string{}
				for _, e := range must("ListTagResources", map[string]string{}).list("TagResources") {
					out[e["TagKey"].(string)] = e["TagValue"].(string)
				}
				return out
			}
			// SetResourceTags: removed keys first, then added ones.
			must("TagResources", map[string]string{"Tag.1.Key": "For", "Tag.1.Value": "Test", "Tag.2.Key": "Created", "Tag.2.Value": "TF"})
			if got := tags(); len(got) != 2 || got["For"] != "Test" || got["Created"] != "TF" {
				t.Fatalf("tags after TagResources: %v", got)
			}
			must("UntagResources", map[string]string{"TagKey.1": "For"})
			if got := tags(); len(got) != 1 || got["Created"] != "TF" {
				t.Fatalf("tags after UntagResources: %v", got)
			}
			// The camel-case and documented spellings reach the same tags.
			lower := c.must("ListTagResources", "ResourceType", strings.ToLower(tt.resourceType), "ResourceId.1", tt.id).list("TagResources")
			if len(lower) != 1 || lower[0]["TagKey"] != "Created" {
				t.Fatalf("tags by the documented spelling: %v", lower)
			}
		})
	}
}
