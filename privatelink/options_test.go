package privatelink

import (
	"testing"

	"github.com/privatelink-go/sdk/internal/transport"
	"github.com/privatelink-go/sdk/signer"
)

// The exported constants spell out their values; these keep them equal to
// the values the call path really uses.
func TestExportedConstantsMatchInternals(t *testing.T) {
	if DefaultMaxAttempts != transport.DefaultMaxAttempts || DefaultMinBackoff != transport.DefaultMinBackoff || DefaultMaxBackoff != transport.DefaultMaxBackoff {
		t.Errorf("retry defaults %d %v %v, transport's %d %v %v", DefaultMaxAttempts, DefaultMinBackoff, DefaultMaxBackoff,
			transport.DefaultMaxAttempts, transport.DefaultMinBackoff, transport.DefaultMaxBackoff)
	}
	if APIVersion != transport.APIVersion {
		t.Errorf("APIVersion %q, transport's %q", APIVersion, transport.APIVersion)
	}
	if SignatureV1 != signer.V1 || SignatureV3 != signer.V3 {
		t.Errorf("signature versions %v %v, signer's %v %v", SignatureV1, SignatureV3, signer.V1, signer.V3)
	}
}

func TestZeroOptionIsIgnored(t *testing.T) {
	if _, err := NewClient("cn-hangzhou", Option{}, WithSignatureVersion(SignatureV1)); err != nil {
		t.Fatal(err)
	}
}
