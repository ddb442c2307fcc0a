import { AutoComplete, Input } from 'antd';
import { useDeferredValue, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../shared/i18n';
import { useSuggestions } from './home.queries';

/**
 * The search box with name suggestions (prefix and typo tolerant, from the server): choosing a
 * suggestion opens its guide, Enter or 搜索 lists the results.
 */
export function SearchBox({ initial = '', size = 'large' }: { initial?: string; size?: 'large' | 'middle' }) {
  const t = useT();
  const navigate = useNavigate();
  const inputId = useId();
  const [text, setText] = useState(initial);
  const deferred = useDeferredValue(text);
  const suggestions = useSuggestions(deferred);

  const search = (keyword: string) => {
    const query = keyword.trim();
    void navigate(query ? `/services?q=${encodeURIComponent(query)}` : '/services');
  };

  return (
    <search className="home-search">
      <label className="visually-hidden" htmlFor={inputId}>
        {t('home.search')}
      </label>
      <AutoComplete
        className="search-autocomplete"
        value={text}
        onChange={setText}
        options={(suggestions.data ?? []).map((suggestion) => ({
          value: suggestion.implementationCode,
          label: suggestion.text,
        }))}
        onSelect={(code: string) => void navigate(`/services/${encodeURIComponent(code)}`)}
      >
        <Input.Search
          id={inputId}
          size={size}
          placeholder={t('home.searchPlaceholder')}
          enterButton={t('home.searchButton')}
          onSearch={search}
          maxLength={50}
        />
      </AutoComplete>
    </search>
  );
}
