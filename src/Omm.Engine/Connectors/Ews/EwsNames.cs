using System.Xml.Linq;

namespace Omm.Engine.Connectors.Ews
{
    /// <summary>The XML namespaces of Exchange Web Services (http://, whatever some documentation pages write) and the names used often.</summary>
    internal static class EwsNames
    {
        public const string Soap = "http://schemas.xmlsoap.org/soap/envelope/";
        public const string Messages = "http://schemas.microsoft.com/exchange/services/2006/messages";
        public const string Types = "http://schemas.microsoft.com/exchange/services/2006/types";
        public const string Errors = "http://schemas.microsoft.com/exchange/services/2006/errors";

        /// <summary>The highest schema Exchange 2016 and 2019 take from a client; every operation Omm uses exists in it.</summary>
        public const string RequestedVersion = "Exchange2013_SP1";

        public static readonly XNamespace M = Messages;
        public static readonly XNamespace T = Types;
    }
}
