package privatelinktest

// Resource types as the tag operations spell them (lower case) and as
// ChangeResourceGroup does (camel case).
const (
	tagTypeEndpoint = "vpcendpoint"
	tagTypeService  = "vpcendpointservice"
	rgTypeEndpoint  = "VpcEndpoint"
	rgTypeService   = "VpcEndpointService"
)

// labels are the tags and resource group of a resource an account owns:
// what TagResources, UntagResources, ListTagResources and
// ChangeResourceGroup act on. Endpoints embed it, so CreateVpcEndpoint's
// Tag.N, ListVpcEndpoints' tag filter and Tags, and the tag operations all
// read and write the one store; endpoint services embed it too.
type labels struct {
	// tags in the order their keys were first set.
	tags []Tag
	// tagSeq gives each key the server-wide sequence number of when it was
	// first set: the stable order ListTagResources pages by.
	tagSeq map[string]uint64
	rg     string
}

// newLabels returns the labels of a new resource, numbering its tags.
func (c *call) newLabels(tags []Tag, rg string) labels {
	l := labels{rg: rg}
	for _, t := range tags {
		l.set(c.s, t)
	}
	return l
}

// set adds the tag, or changes the value of its key.
func (l *labels) set(s *Server, t Tag) {
	for i := range l.tags {
		if l.tags[i].Key == t.Key {
			l.tags[i].Value = t.Value
			return
		}
	}
	if l.tagSeq == nil {
		l.tagSeq = map[string]uint64{}
	}
	l.tags = append(l.tags, t)
	l.tagSeq[t.Key] = s.seq()
}

// remove drops the tag of key and reports whether there was one.
func (l *labels) remove(key string) bool {
	for i := range l.tags {
		if l.tags[i].Key == key {
			l.tags = append(l.tags[:i], l.tags[i+1:]...)
			delete(l.tagSeq, key)
			return true
		}
	}
	return false
}

// has reports whether the resource has a tag of key.
func (l *labels) has(key string) bool {
	_, ok := l.tagSeq[key]
	return ok
}

// ownedResource is a resource of the calling account, as the tag and
// resource-group operations see it.
type ownedResource struct {
	id  string
	seq uint64
	*labels
}

// resource returns the resource of type typ (a tag type) and id that the
// calling account owns, or false. Another account's resource is not found,
// as on the service, where IDs are per account.
func (c *call) resource(typ, id string) (ownedResource, bool) {
	switch typ {
	case tagTypeEndpoint:
		e := c.s.endpoints[id]
		if e == nil || e.account != c.acct || !e.visible(c.now, c.s.visibility) {
			return ownedResource{}, false
		}
		return ownedResource{id: e.id, seq: e.seq, labels: &e.labels}, true
	case tagTypeService:
		// Endpoint services belong to the accounts that publish them.
		v := c.acct.services[id]
		if v == nil || c.s.serviceGone(v, c.now) {
			return ownedResource{}, false
		}
		return ownedResource{id: v.ID, seq: v.seq, labels: &v.labels}, true
	}
	return ownedResource{}, false
}

// resources returns every resource of type typ of the calling account.
func (c *call) resources(typ string) []ownedResource {
	var out []ownedResource
	if typ == tagTypeEndpoint {
		for _, e := range c.s.endpoints {
			if e.account == c.acct && e.visible(c.now, c.s.visibility) {
				out = append(out, ownedResource{id: e.id, seq: e.seq, labels: &e.labels})
			}
		}
	}
	if typ == tagTypeService {
		for _, v := range c.acct.services {
			if !c.s.serviceGone(v, c.now) {
				out = append(out, ownedResource{id: v.ID, seq: v.seq, labels: &v.labels})
			}
		}
	}
	return out
}
