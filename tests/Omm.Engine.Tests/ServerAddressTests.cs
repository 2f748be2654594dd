using Omm.Engine.Endpoints;

namespace Omm.Engine.Tests;

public class ServerAddressTests
{
    [Theory]
    [InlineData("imap.example.com", "imap.example.com", null)]
    [InlineData("imap.example.com:143", "imap.example.com", 143)]
    [InlineData(" 127.0.0.1:9993 ", "127.0.0.1", 9993)]
    [InlineData("[::1]:993", "::1", 993)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("fe80::1", "fe80::1", null)]
    public void Parses_host_and_port(string text, string host, int? port)
    {
        var address = ServerAddress.Parse(text);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }

    [Theory]
    [InlineData("")]
    [InlineData("host:0")]
    [InlineData("host:70000")]
    [InlineData("host:abc")]
    [InlineData("[::1")]
    [InlineData("user@host")]
    [InlineData("https://host/ews")]
    public void Rejects_what_is_not_a_server(string text)
    {
        var error = Assert.Throws<FormatException>(() => ServerAddress.Parse(text));
        Assert.False(string.IsNullOrEmpty(error.Message));
    }

    [Theory]
    [InlineData(ConnectionSecurity.Auto, null, 993, MailKit.Security.SecureSocketOptions.SslOnConnect)]
    [InlineData(ConnectionSecurity.Auto, 143, 143, MailKit.Security.SecureSocketOptions.StartTls)]
    [InlineData(ConnectionSecurity.Auto, 993, 993, MailKit.Security.SecureSocketOptions.SslOnConnect)]
    [InlineData(ConnectionSecurity.Tls, null, 993, MailKit.Security.SecureSocketOptions.SslOnConnect)]
    [InlineData(ConnectionSecurity.StartTls, null, 143, MailKit.Security.SecureSocketOptions.StartTls)]
    [InlineData(ConnectionSecurity.None, null, 143, MailKit.Security.SecureSocketOptions.None)]
    [InlineData(ConnectionSecurity.None, 10143, 10143, MailKit.Security.SecureSocketOptions.None)]
    public void Security_modes_choose_port_and_tls(ConnectionSecurity security, int? port, int expectedPort, MailKit.Security.SecureSocketOptions expected)
    {
        var endpoint = new AccountEndpoint(EndpointRole.Source, ServerType.Imap, new ServerAddress("mail.example", port), security,
            new System.Net.NetworkCredential("a", "b"), skipCertificateCheck: false);
        Assert.Equal(expectedPort, endpoint.Port);
        Assert.Equal(expected, endpoint.SocketOptions);
    }
}
