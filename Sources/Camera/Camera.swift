// The camera driver over any link. (Issue 2.)
