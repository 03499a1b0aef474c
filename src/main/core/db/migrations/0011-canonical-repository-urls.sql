-- Projects' GitHub repository URLs as the contract now takes them: https://github.com/OWNER/NAME.
-- Earlier versions accepted the shapes a person may paste (the ssh form, http://, www., no
-- scheme, a trailing / or .git); such a project could not be saved again unchanged. Each shape
-- becomes the canonical URL; anything else is left for its owner to correct.
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 16)
  WHERE repo_url LIKE 'git@github.com:%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 22)
  WHERE repo_url LIKE 'ssh://git@github.com/%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 24)
  WHERE repo_url LIKE 'https://www.github.com/%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 22)
  WHERE repo_url LIKE 'http://www.github.com/%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 19)
  WHERE repo_url LIKE 'http://github.com/%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 16)
  WHERE repo_url LIKE 'www.github.com/%';
UPDATE projects SET repo_url = 'https://github.com/' || substr(repo_url, 12)
  WHERE repo_url LIKE 'github.com/%';
UPDATE projects SET repo_url = rtrim(repo_url, '/')
  WHERE repo_url LIKE 'https://github.com/%/%/';
UPDATE projects SET repo_url = substr(repo_url, 1, length(repo_url) - 4)
  WHERE repo_url LIKE 'https://github.com/%/%.git';
