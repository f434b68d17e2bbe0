namespace Itm.Data.Recipes.Tests;

public sealed class IconThemeNameRules
{
    [Theory]
    [InlineData("input-keyboard", "keyboard")]
    [InlineData("preferences-desktop-font", "desktop font")]
    [InlineData("accessories-calculator", "calculator")]
    [InlineData("drive-harddisk-usb", "harddisk usb")]
    [InlineData("gnome-dev-floppy", null)]
    [InlineData("weather-showers-scattered", null)]
    [InlineData("system", null)]
    public void The_thing_is_the_name_without_its_leading_group_words(string name, string? thing) =>
        Assert.Equal(thing, FreedesktopIconNames.Thing(name));

    [Theory]
    [InlineData("gnome-dev-floppy", "floppy")]
    [InlineData("gtk-print", "print")]
    [InlineData("stock_print", "print")]
    [InlineData("gnome-fs-directory", "directory")]
    [InlineData("printer", "printer")]
    [InlineData("gtk-", "gtk-")]
    public void Toolkit_prefixes_are_no_words_of_the_picture(string name, string withoutToolkit) =>
        Assert.Equal(withoutToolkit, FreedesktopIconNames.WithoutToolkit(name));

    [Theory]
    [InlineData("audio-volume-high-symbolic", true)]
    [InlineData("go-next-symbolic-rtl", true)]
    [InlineData("audio-volume-high", false)]
    public void Symbolic_names_are_recognised(string name, bool symbolic) =>
        Assert.Equal(symbolic, FreedesktopIconNames.IsSymbolic(name));

    [Theory]
    [InlineData("org.gnome.Calculator", true)]
    [InlineData("AdobeReader8", true)]
    [InlineData("accessories-calculator", false)]
    public void Application_ids_are_reverse_dns_or_brand_cased(string name, bool id) =>
        Assert.Equal(id, FreedesktopIconNames.IsApplicationId(name));

    [Theory]
    [InlineData("accessories-calculator", true)]
    [InlineData("applications-games", true)]
    [InlineData("utilities-terminal", true)]
    [InlineData("firefox", false)]
    [InlineData("gnome-calculator", false)]
    public void Application_icons_keep_only_the_spec_names(string name, bool spec) =>
        Assert.Equal(spec, FreedesktopIconNames.IsSpecApplicationName(name));

    [Theory]
    [InlineData("application-x-executable", true, false)]
    [InlineData("inode-directory", true, false)]
    [InlineData("x-office-calendar", true, false)]
    [InlineData("face-smile", false, true)]
    [InlineData("audio-volume-high", false, false)]
    public void Mimetype_and_emote_names_are_known_in_any_context(string name, bool mimeType, bool emote)
    {
        Assert.Equal(mimeType, FreedesktopIconNames.IsMimeTypeName(name));
        Assert.Equal(emote, FreedesktopIconNames.IsEmoteName(name));
    }

    [Theory]
    [InlineData("kdenlive-hide-video", true)]
    [InlineData("nm-signal-100-secure", true)]
    [InlineData("gnome-skype", true)]
    [InlineData("network-wireless", false)]
    public void Names_that_start_with_an_application_are_brands(string name, bool brand) =>
        Assert.Equal(brand, IconNameBrands.StartsWithBrand(name));

    [Theory]
    [InlineData("Apps", "applications", IconContextRule.SpecNamesOnly)]
    [InlineData("MimeTypes", "mimetypes", IconContextRule.Skip)]
    [InlineData("mimes", "mimetypes", IconContextRule.Skip)]
    [InlineData("FileSystems", "places", IconContextRule.Keep)]
    [InlineData("Devices", "devices", IconContextRule.Keep)]
    [InlineData("Emotes", "emotes", IconContextRule.Skip)]
    [InlineData("Whatever", "whatever", IconContextRule.Skip)]
    public void Contexts_have_one_spelling_and_a_rule(string context, string normalised, IconContextRule rule)
    {
        Assert.Equal(normalised, IconContexts.Normalise(context));
        Assert.Equal(rule, IconContexts.RuleOf(context));
    }

    [Theory]
    [InlineData("places/symbolic", "symbolic")]
    [InlineData("symbolic/places", "symbolic")]
    [InlineData("22x22/panel", "panel")]
    [InlineData("48/notifications", "notifications")]
    [InlineData("48x48/places", null)]
    public void Folders_for_bars_and_symbolic_variants_are_skipped_whatever_their_context(string folder, string? reason) =>
        Assert.Equal(reason, IconContexts.FolderSkipReason(folder));
}
