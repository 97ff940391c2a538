package privatelinktest

// The limits below bound what one request may cost the emulator before it
// is known to be genuine. Alibaba Cloud documents no such limits for its
// RPC gateway; these lie far above what any valid request of the API
// needs, so that the emulator is never stricter than the service for a
// real client, while a request of junk is refused before it is parsed,
// verified or logged.

// MaxRequestParams is the most parameters (query string and form body
// together) a request may carry; more is refused with 400
// InvalidParameter. The largest valid request has about 130: a
// CreateVpcEndpoint with 10 security groups, 10 zones of 4 fields and 21
// tags of 2 (the API's own maximums), plus a dozen common parameters.
const MaxRequestParams = 1000

// MaxRequestBytes is the most bytes the query string and body of a
// request may have together; more is refused with 400 InvalidParameter,
// having read no more of the body than this. The largest valid request is
// under 60 KiB even when every tag and description is at its maximum
// length in three-byte characters, each percent-encoded to nine bytes.
const MaxRequestBytes = 128 << 10

// maxEchoedStringToSign bounds the part of the server's string to sign a
// SignatureDoesNotMatch answer shows. A valid request's is a few hundred
// bytes; what is cut is said to be, with the length in all.
const maxEchoedStringToSign = 4 << 10
