package privatelink

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUpdateVpcEndpointAttribute(t *testing.T) {
	checkMutatingOp(t, mutatingOp{
		action: "UpdateVpcEndpointAttribute",
		call: func(c *Client, token string, dryRun bool) (string, string, error) {
			resp, err := c.UpdateVpcEndpointAttribute(context.Background(), &UpdateVpcEndpointAttributeRequest{
				EndpointID:          "ep-1",
				EndpointName:        "renamed_1",
				EndpointDescription: "new description",
				PolicyDocument:      `{"Version":"1","Statement":[]}`,
				AddressIPVersion:    AddressIPVersionDualStack,
				ZoneAffinityEnabled: Some(true),
				ClientToken:         token,
				DryRun:              dryRun,
			})
			if err != nil {
				return "", "", err
			}
			return resp.RequestID, resp.ClientToken, nil
		},
		params: map[string]string{
			"EndpointId":          "ep-1",
			"EndpointName":        "renamed_1",
			"EndpointDescription": "new description",
			"PolicyDocument":      `{"Version":"1","Statement":[]}`,
			"AddressIpVersion":    "DualStack",
			"ZoneAffinityEnabled": "true",
		},
	})
}

// TestUpdateVpcEndpointAttributeZoneAffinity pins the three states of the
// Optional: unset sends nothing, Some(false) sends false.
func TestUpdateVpcEndpointAttributeZoneAffinity(t *testing.T) {
	tests := []struct {
		name string
		opt  Optional[bool]
		want string
		sent bool
	}{
		{name: "unset", opt: Optional[bool]{}, sent: false},
		{name: "off", opt: Some(false), want: "false", sent: true},
		{name: "on", opt: Some(true), want: "true", sent: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := setup(t)
			srv.handle("UpdateVpcEndpointAttribute", 200, `{"RequestId":"R"}`)
			_, err := c.UpdateVpcEndpointAttribute(context.Background(), &UpdateVpcEndpointAttributeRequest{EndpointID: "ep-1", ZoneAffinityEnabled: tt.opt, ClientToken: "t"})
			require.NoError(t, err)
			got, sent := srv.onlyCall(t).Params["ZoneAffinityEnabled"]
			assert.Equal(t, tt.sent, sent)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestUpdateVpcEndpointAttributeValidates(t *testing.T) {
	c, srv := setup(t)
	_, err := c.UpdateVpcEndpointAttribute(context.Background(), &UpdateVpcEndpointAttributeRequest{
		EndpointName:        "has.period",
		EndpointDescription: "http://x",
		PolicyDocument:      "not json",
		AddressIPVersion:    " ",
		ClientToken:         strings.Repeat("t", 65),
	})
	assert.Equal(t, []string{"AddressIPVersion", "ClientToken", "EndpointDescription", "EndpointID", "EndpointName", "PolicyDocument"}, problemFields(t, err))
	_, err = c.UpdateVpcEndpointAttribute(context.Background(), nil)
	requireProblem(t, err, "", "request is nil")
	assert.Empty(t, srv.calls())
}

func TestUpdateVpcEndpointAttributeBuilder(t *testing.T) {
	req, err := NewUpdateVpcEndpointAttribute("ep-1").
		WithEndpointName("n2").
		WithEndpointDescription("d2").
		WithPolicyDocument(`{}`).
		WithAddressIPVersion(AddressIPVersionIPv4).
		WithZoneAffinityEnabled(false).
		WithDryRun(true).
		WithClientToken("tok").
		Build()
	require.NoError(t, err)
	assert.Equal(t, &UpdateVpcEndpointAttributeRequest{
		EndpointID: "ep-1", EndpointName: "n2", EndpointDescription: "d2", PolicyDocument: `{}`,
		AddressIPVersion: AddressIPVersionIPv4, ZoneAffinityEnabled: Some(false), DryRun: true, ClientToken: "tok",
	}, req)
	_, err = NewUpdateVpcEndpointAttribute("").WithEndpointName("x").Build()
	assert.Equal(t, []string{"EndpointID", "EndpointName"}, problemFields(t, err))
}
