package join

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultPort is the port DefaultAddr picks: easy to type, rarely taken.
const DefaultPort = 8765

// ErrNoAddress is returned by DefaultAddr on a machine with no private IPv4
// address on an interface that is up.
var ErrNoAddress = errors.New("join: no private IPv4 address on a network interface that is up: " +
	"connect to the meeting room's network, or give the address to listen on " +
	"(such as 127.0.0.1:8765 to try the join page on this machine alone)")

// DefaultAddr is the address to offer the room: the machine's primary
// private IPv4 address (10/8, 172.16/12, 192.168/16 on an interface that is
// up and not a loopback), with DefaultPort. It never picks all interfaces.
// Without such an address it returns ErrNoAddress, which says what to do.
func DefaultAddr() (string, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return "", fmt.Errorf("join: cannot list the network interfaces: %w", err)
	}
	var cands []candidate
	for _, ifc := range ifs {
		addrs, err := ifc.Addrs()
		if err != nil {
			continue
		}
		c := candidate{name: ifc.Name, flags: ifc.Flags}
		for _, a := range addrs {
			if n, ok := a.(*net.IPNet); ok {
				c.ips = append(c.ips, n.IP)
			}
		}
		cands = append(cands, c)
	}
	ip, ok := pickAddr(cands)
	if !ok {
		return "", ErrNoAddress
	}
	return net.JoinHostPort(ip.String(), strconv.Itoa(DefaultPort)), nil
}

// candidate is a network interface as pickAddr sees it.
type candidate struct {
	name  string
	flags net.Flags
	ips   []net.IP
}

// virtualPrefixes name interfaces of containers, VMs and VPN tunnels that
// phones in the room cannot reach; they are taken only when nothing else is.
var virtualPrefixes = []string{"docker", "br-", "veth", "virbr", "vmnet", "vboxnet", "cni", "flannel", "lxc", "tun", "tap", "wg", "utun", "zt"}

// pickAddr chooses the primary private IPv4 address: the first on a
// physical-looking interface that is up and can broadcast, else the first
// on any other interface that is up.
func pickAddr(cands []candidate) (net.IP, bool) {
	var fallback net.IP
	for _, c := range cands {
		if c.flags&net.FlagUp == 0 || c.flags&net.FlagLoopback != 0 {
			continue
		}
		for _, ip := range c.ips {
			ip4 := ip.To4()
			if ip4 == nil || !ip4.IsPrivate() {
				continue
			}
			if c.flags&net.FlagBroadcast != 0 && !virtual(c.name) {
				return ip4, true
			}
			if fallback == nil {
				fallback = ip4
			}
		}
	}
	return fallback, fallback != nil
}

func virtual(name string) bool {
	for _, p := range virtualPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}
