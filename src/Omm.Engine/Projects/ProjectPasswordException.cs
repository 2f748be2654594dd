using System;

namespace Omm.Engine.Projects
{
    /// <summary>The project password given does not open the project's stored credentials.</summary>
    public sealed class ProjectPasswordException : Exception
    {
        public ProjectPasswordException(string message)
            : base(message)
        {
        }
    }
}
