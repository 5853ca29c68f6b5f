using System.Net;
using Headless.Api.Features.Webhooks;
using Headless.Api.Tests.Infrastructure;

namespace Headless.Api.Tests.Webhooks;

/// <summary>
/// With private targets not allowed (the default), webhooks may only target public addresses: a URL whose host is, or
/// resolves to, a loopback, private, link-local, unique-local, CGNAT, multicast or unspecified address is a 400 on
/// <c>url</c>. Dispatch is off here (the base factory's default), so nothing is ever sent to the public addresses accepted.
/// </summary>
public sealed class WebhookTargetTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Theory]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://127.8.9.10:8080/hook")]
    [InlineData("http://2130706433/hook")]
    [InlineData("http://10.0.0.5/hook")]
    [InlineData("http://172.16.0.1/hook")]
    [InlineData("http://172.31.255.254/hook")]
    [InlineData("https://192.168.1.10/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/hook")]
    [InlineData("http://100.127.255.254/hook")]
    [InlineData("http://0.0.0.0/hook")]
    [InlineData("http://224.0.0.1/hook")]
    [InlineData("http://255.255.255.255/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[fc00::1]/hook")]
    [InlineData("http://[ff02::1]/hook")]
    [InlineData("http://[::ffff:10.0.0.1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://localhost:8080/hook")]
    [InlineData("http://LOCALHOST/hook")]
    [InlineData("http://api.localhost/hook")]
    public async Task Private_and_loopback_targets_are_refused(string url)
    {
        var response = await factory.Admin().PostJson("/v1/webhooks", new { url, events = new[] { "*" } });

        var problem = await response.AssertFieldError("url");
        Assert.Contains("public addresses only", problem["errors"]!["url"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("http://172.32.0.1/hook")]
    [InlineData("http://100.128.0.1/hook")]
    [InlineData("https://[2606:4700::6810:84e5]/hook")]
    public async Task Public_addresses_are_accepted(string url)
    {
        var response = await factory.Admin().PostJson("/v1/webhooks", new { url, events = new[] { "*" }, active = false });
        await response.AssertOk(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_replace_to_a_private_target_is_refused_too()
    {
        var admin = factory.Admin();
        var created = await (await admin.PostJson("/v1/webhooks", new { url = "https://93.184.215.14/hook", events = new[] { "*" }, active = false })).AssertOk(HttpStatusCode.Created);

        var response = await admin.PutCurrent($"/v1/webhooks/{created.Id()}", new { url = "http://192.168.0.1/hook", events = new[] { "*" } });

        await response.AssertFieldError("url");
    }

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.15.255.255", true)]
    [InlineData("172.32.0.0", true)]
    [InlineData("192.169.0.1", true)]
    [InlineData("100.63.255.255", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("2606:4700::1", true)]
    [InlineData("0.1.2.3", false)]
    [InlineData("10.255.255.255", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("169.254.0.1", false)]
    [InlineData("172.20.1.1", false)]
    [InlineData("192.168.255.255", false)]
    [InlineData("100.100.100.100", false)]
    [InlineData("239.255.255.250", false)]
    [InlineData("240.0.0.1", false)]
    [InlineData("::", false)]
    [InlineData("::1", false)]
    [InlineData("::ffff:192.168.1.1", false)]
    [InlineData("::ffff:8.8.8.8", true)]
    [InlineData("64:ff9b::a00:1", false)]
    [InlineData("64:ff9b::808:808", true)]
    [InlineData("2002:c0a8:0101::1", false)]
    [InlineData("2002:0808:0808::1", true)]
    [InlineData("fe80::abcd", false)]
    [InlineData("febf::1", false)]
    [InlineData("fec0::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("ff05::2", false)]
    public void Addresses_are_judged_public_or_not(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));
}
