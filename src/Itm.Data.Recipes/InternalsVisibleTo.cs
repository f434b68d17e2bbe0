using System.Runtime.CompilerServices;

// The recipes' tests replace the root check and the apt-get runner (DebianPackage's internal overload)
// so they can run without root and without touching the machine's packages.
[assembly: InternalsVisibleTo("Itm.Data.Recipes.Tests")]
