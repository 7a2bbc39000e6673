package dev.docent.sources;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which addresses a website source may connect to: public ones, and private, loopback or link-local ones only inside
 * networks the configuration allows. Checked on the resolved address that is actually connected to (every request,
 * redirects included), so neither a host name that resolves to 127.0.0.1 nor a redirect to 169.254.169.254 gets
 * through.
 */
final class AddressPolicy {

    private static final List<Network> NOT_PUBLIC = List.of(
            Network.parse("0.0.0.0/8"),
            Network.parse("100.64.0.0/10"), // carrier-grade NAT
            Network.parse("192.0.0.0/24"),
            Network.parse("198.18.0.0/15"),
            Network.parse("240.0.0.0/4"),
            Network.parse("fc00::/7"), // IPv6 unique local
            Network.parse("64:ff9b::/96")); // NAT64 can reach IPv4 private space

    private final List<Network> allowed;

    AddressPolicy(List<String> allowedNetworks) {
        this.allowed = allowedNetworks.stream().map(Network::parse).toList();
    }

    /** Why {@code address} may not be reached, or null when it may. */
    String refusal(InetAddress address) {
        if (isPublic(address) || allowed.stream().anyMatch(n -> n.contains(address))) {
            return null;
        }
        return address.getHostAddress() + " is a private, loopback or link-local address, which website sources may"
                + " not reach (allow its network in docent.sources.website.allowed-private-networks if it is meant)";
    }

    static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet6Address v6 && v6.getAddress()[0] == 0 && isMappedOrCompatible(v6)) {
            return false;
        }
        return NOT_PUBLIC.stream().noneMatch(n -> n.contains(address));
    }

    /** ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address Java may not unwrap: never public to us. */
    private static boolean isMappedOrCompatible(Inet6Address address) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff);
    }

    /** A network in CIDR notation. */
    record Network(byte[] prefix, int bits) {

        static Network parse(String cidr) {
            String[] parts = cidr.strip().split("/", 2);
            try {
                // Only literals: getByName on a literal never asks DNS.
                if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:.]+")) {
                    throw new IllegalArgumentException("Not an IP network: " + cidr);
                }
                byte[] prefix = InetAddress.getByName(parts[0]).getAddress();
                int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : prefix.length * 8;
                if (bits < 0 || bits > prefix.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length in " + cidr);
                }
                return new Network(prefix, bits);
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP network: " + cidr, e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != prefix.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (prefix[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
