using System.Net;
using System.Net.Sockets;

namespace FeeBridge.LibrarySystem.Webhooks;

/// <summary>
/// Where webhooks may go: not to FeeBridge's own host or network (loopback, private RFC 1918 and fc00::/7, link-local
/// 169.254.0.0/16 with the cloud metadata service 169.254.169.254 and fe80::/10, unspecified, multicast, and the other
/// ranges no public service lives in), unless the operator allows a network. A library system registers the URL, so
/// without this it could make FeeBridge call anything FeeBridge can reach. Checked when the URL is registered and again
/// on the addresses actually connected to (<see cref="CreateHandler"/>): a name may resolve elsewhere later (DNS rebinding).
/// </summary>
public sealed class WebhookAddresses
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // "this network", 0.0.0.0 unspecified
        IPNetwork.Parse("10.0.0.0/8"),      // private (RFC 1918)
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT, shared address space
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link-local, the metadata service
        IPNetwork.Parse("172.16.0.0/12"),   // private (RFC 1918)
        IPNetwork.Parse("192.0.0.0/24"),    // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),  // private (RFC 1918)
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved, broadcast
        IPNetwork.Parse("::/128"),          // unspecified
        IPNetwork.Parse("::1/128"),         // loopback
        IPNetwork.Parse("fc00::/7"),        // unique local
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated, still routed inside some networks)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private readonly IPNetwork[] _allowed;

    /// <param name="allowedNetworks">Networks the operator allows anyway, e.g. <c>10.20.0.0/16</c> or one address.</param>
    public WebhookAddresses(IEnumerable<string> allowedNetworks)
    {
        _allowed = allowedNetworks.Select(n =>
            IPNetwork.TryParse(n.Trim(), out var network) ? network
            : IPAddress.TryParse(n.Trim(), out var one) ? new IPNetwork(one, one.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : throw new InvalidOperationException($"FeeBridge:Notices:AllowedWebhookNetworks: '{n}' is not a network like 10.20.0.0/16 or an address.")).ToArray();
    }

    /// <summary>Whether FeeBridge may connect to the address for a webhook.</summary>
    public bool MayConnect(IPAddress address)
    {
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(n => n.Contains(ip))) return true;
        return !Internal.Any(n => n.Contains(ip));
    }

    /// <summary>Why a webhook may not point at this URL's host (it resolves to an address FeeBridge may not call), or null.</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.DnsSafeHost, ct);
        }
        catch (SocketException)
        {
            return "The host name does not resolve.";
        }
        if (addresses.Length == 0) return "The host name does not resolve.";
        return addresses.All(MayConnect) ? null
            : "Must not point at a loopback, private, link-local, multicast or unspecified address (an operator may allow a network: FeeBridge:Notices:AllowedWebhookNetworks).";
    }

    /// <summary>
    /// A handler that connects only to addresses <see cref="MayConnect"/> allows, whatever the name resolves to at that
    /// moment; no redirects (a 3xx is an answer, not a new target) and no proxy (the check is on the real target).
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var usable = (await ResolveAsync(host, ct)).Where(MayConnect).ToArray();
            if (usable.Length == 0) throw new WebhookAddressRefused($"Not sent: {host} resolves to an address webhooks may not reach.");
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(bare, ct);
    }
}

/// <summary>A webhook delivery not made because its host resolves to an address webhooks may not reach.</summary>
public sealed class WebhookAddressRefused(string message) : Exception(message);
