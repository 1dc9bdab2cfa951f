/* wall segment screens: registered as SA.kinds.wall = { phone, display, host } by its own issue. */
