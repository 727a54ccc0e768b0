"""Each page rendered: data as HTML, the text's typography and links, the header, the head, the theme's markup."""
