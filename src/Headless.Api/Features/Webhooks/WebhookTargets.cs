using System.Net;
using System.Net.Sockets;

namespace Headless.Api.Features.Webhooks;

/// <summary>
/// Keeps webhooks from reaching into the server's own network (SSRF): unless <c>Headless:Webhooks:AllowPrivateTargets</c>
/// is on, a webhook may only target public addresses. Checked twice: when a webhook is saved (its URL's host, resolved)
/// and again on every connection the dispatcher opens (resolved anew, every address checked), so a host name that
/// resolved to a public address when it was saved and to a private one later (DNS rebinding) is still refused.
/// </summary>
public static class WebhookTargets
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True for an address webhooks may reach: not loopback, private (10/8, 172.16/12, 192.168/16), CGNAT (100.64/10),
    /// link-local (169.254/16, fe80::/10), unique-local (fc00::/7), site-local (fec0::/10), unspecified, "this network"
    /// (0/8), multicast or reserved (224/4 and up). An IPv4 address inside an IPv6 one (mapped, compatible, NAT64, 6to4)
    /// is judged as that IPv4 address.
    /// </summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsPublicV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if (b[..10].All(x => x == 0) && ((b[10] == 0 && b[11] == 0) || (b[10] == 0xFF && b[11] == 0xFF)))
        {
            // ::a.b.c.d (compatible; also :: and ::1) and ::ffff:a.b.c.d (mapped).
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].All(x => x == 0))
        {
            // 64:ff9b::/96, NAT64.
            return IsPublicV4(b[12..]);
        }

        if (b[0] == 0x20 && b[1] == 0x02)
        {
            // 2002::/16, 6to4: the IPv4 address follows the prefix.
            return IsPublicV4(b[2..6]);
        }

        var multicast = b[0] == 0xFF;
        var uniqueLocal = (b[0] & 0xFE) == 0xFC;
        var linkLocal = b[0] == 0xFE && (b[1] & 0xC0) == 0x80;
        var siteLocal = b[0] == 0xFE && (b[1] & 0xC0) == 0xC0;
        return !(multicast || uniqueLocal || linkLocal || siteLocal);
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // "this network", with 0.0.0.0
        || b[0] == 10
        || b[0] == 127
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10, carrier-grade NAT
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || b[0] >= 224); // multicast, reserved, broadcast

    /// <summary>Why a webhook may not target this URL, or null when it may: its host is a public address, or a name that resolves only to public addresses.</summary>
    public static async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        var host = url.IdnHost.Trim('[', ']');
        if (IPAddress.TryParse(host, out var literal))
        {
            return IsPublic(literal) ? null : PrivateAddress(literal, null);
        }

        // RFC 6761: localhost and its subdomains are loopback, whatever a resolver says.
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return $"'url' may not target {host}, a loopback host: webhooks are sent to public addresses only.";
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return $"'url' has a host name that could not be resolved: {host}.";
        }

        if (addresses.Length == 0)
        {
            return $"'url' has a host name that could not be resolved: {host}.";
        }

        return addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused ? PrivateAddress(refused, host) : null;
    }

    /// <summary>
    /// The dispatcher's <c>SocketsHttpHandler.ConnectCallback</c>: resolves the host, refuses it when any of its addresses
    /// is not public (unless private targets are allowed), and connects to the first address that answers.
    /// </summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowPrivateTargets, CancellationToken ct)
    {
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!allowPrivateTargets && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
        {
            throw new WebhookTargetRefusedException(
                $"Refused to connect to {(literal is null ? $"{host} ({refused})" : refused.ToString())}: not a public address (Headless:Webhooks:AllowPrivateTargets is off).");
        }

        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    private static string PrivateAddress(IPAddress address, string? host) =>
        $"'url' may not target {(host is null ? address.ToString() : $"{host}, which resolves to {address}")}: loopback, private, link-local, "
        + "unique-local, carrier-grade NAT, multicast and unspecified addresses are refused; webhooks are sent to public addresses only.";
}

/// <summary>A webhook connection refused because its host is not a public address.</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);
