package wire

import (
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestParams(t *testing.T) {
	var p Params
	p.Set("RegionId", "cn-huhehaote")
	p.String("EndpointName", "")
	p.String("VpcId", "vpc-1")
	p.True("DryRun", false)
	p.True("ProtectedEnabled", true)
	p.Bool("ZoneAffinityEnabled", false)
	p.Int("ZonePrivateIpAddressCount", 0)
	p.Int("MaxResults", 50)
	p.List("SecurityGroupId", []string{"sg-1", "sg-2"})
	p.Set(Indexed("Zone", 0, "ip"), "192.168.0.10")

	assert.Equal(t, Params{
		{Key: "RegionId", Value: "cn-huhehaote"},
		{Key: "VpcId", Value: "vpc-1"},
		{Key: "ProtectedEnabled", Value: "true"},
		{Key: "ZoneAffinityEnabled", Value: "false"},
		{Key: "MaxResults", Value: "50"},
		{Key: "SecurityGroupId.1", Value: "sg-1"},
		{Key: "SecurityGroupId.2", Value: "sg-2"},
		{Key: "Zone.1.ip", Value: "192.168.0.10"},
	}, p)
}

func TestIndexed(t *testing.T) {
	assert.Equal(t, "Tag.1.Key", Indexed("Tag", 0, "Key"))
	assert.Equal(t, "Tag.20.Value", Indexed("Tag", 19, "Value"))
	assert.Equal(t, "SecurityGroupId.10", Indexed("SecurityGroupId", 9, ""))
}

func TestIndexedIsCachedAndCorrect(t *testing.T) {
	for range 2 { // the second round reads the cache
		for i := range 40 {
			assert.Equal(t, "Zone."+strconv.Itoa(i+1)+".VSwitchId", Indexed("Zone", i, "VSwitchId"))
			assert.Equal(t, "SecurityGroupId."+strconv.Itoa(i+1), Indexed("SecurityGroupId", i, ""))
		}
	}
	if !raceEnabled {
		assert.Zero(t, testing.AllocsPerRun(100, func() { Indexed("Tag", 3, "Value") }))
	}
}
