package privatelink

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An endpoint URL that carries a password or a query is refused without
// quoting them.
func TestWithEndpointErrorsQuoteNoCredentials(t *testing.T) {
	for _, raw := range []string{
		"https://LTAI5t:s3cretPass@privatelink.cn-hangzhou.aliyuncs.com",
		"https://privatelink.cn-hangzhou.aliyuncs.com/?SecurityToken=s3cretPass",
		"ftp://LTAI5t:s3cretPass@privatelink.cn-hangzhou.aliyuncs.com",
		"https://LTAI5t:s3cretPass@privatelink.cn-hangzhou.aliyuncs.com/%zz",
		"https://privatelink.cn-hangzhou.aliyuncs.com/#s3cretPass",
	} {
		_, err := NewClient("cn-hangzhou", WithEndpoint(raw))
		require.Error(t, err, raw)
		assert.NotContains(t, err.Error(), "s3cretPass", raw)
		assert.Contains(t, err.Error(), "WithEndpoint", raw)
	}
}
