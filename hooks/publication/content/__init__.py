"""The sources read and validated: data files, front matter, the files a build may read, the facts prose must agree with."""
